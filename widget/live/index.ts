// Entry of `sixty-live.js`: the visitor's live channel, registered as `sixty._live`. A separate
// bundle because socket.io-client is most of the widget's weight and only matters after a request.
import { io, type Socket } from 'socket.io-client';
import {
  VISITOR_NAMESPACE,
  type VisitorClientToServer,
  type VisitorServerToClient,
} from '../../shared/live-events';
import type { LiveBundle, SixtyWindow } from '../contract';

const live: LiveBundle = {
  connect(origin, token, onStatus) {
    // WebSocket only: no long-polling fallback means no sticky sessions needed behind a balancer,
    // and the server re-emits the current status on every (re)connection.
    const socket: Socket<VisitorServerToClient, VisitorClientToServer> = io(origin + VISITOR_NAMESPACE, {
      auth: { token },
      transports: ['websocket'],
    });
    socket.on('lead:status', (status) => {
      try {
        onStatus(status);
      } catch (error) {
        console.warn('sixty: could not show a status update', error);
      }
    });
    // socket.io keeps retrying with backoff; one warning is enough for the page's developer.
    let warned = false;
    socket.on('connect_error', (error) => {
      if (!warned) console.warn('sixty: live connection failed, retrying', error.message);
      warned = true;
    });
    return { close: () => void socket.disconnect() };
  },
};

const sixty = (window as SixtyWindow).sixty;
if (sixty) sixty._live = live;
