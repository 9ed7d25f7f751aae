import { Adapter, MessageType, type BroadcastOptions } from 'socket.io-adapter';

/** What the cluster adapter offers its subclasses: queue a message for the other processes. */
interface Publisher {
  publish(message: {
    type: MessageType.BROADCAST;
    data: { packet: unknown; opts: { rooms: string[]; except: string[]; flags: BroadcastOptions['flags'] } };
  }): void;
}

/**
 * The cluster adapter hands a room emit to this process's own sockets only once Redis has
 * stored it. This one hands it to them at once, as a single process does, and Redis carries it
 * to the others. So an acknowledgement never overtakes a push made before it, sockets on the
 * same process pay no Redis round trip, and their pushes do not stall while Redis is away.
 */
export function localFirst<A extends Adapter>(adapter: A): A {
  const cluster = adapter as unknown as Publisher;
  adapter.broadcast = function broadcastHereFirst(this: A, packet: unknown, opts: BroadcastOptions) {
    // Published first: the message is encoded now, before local delivery may rework the packet.
    if (!opts.flags?.local) {
      cluster.publish({ type: MessageType.BROADCAST, data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } } });
    }
    Adapter.prototype.broadcast.call(this, packet, opts);
  };
  return adapter;
}
