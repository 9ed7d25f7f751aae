// A lead a rep has accepted (SAL), made as it happens for real: the rep goes available on a live
// socket, a callback comes in, the rep accepts the offer and goes away again.
import type { LeadCard, OfferView } from '../../shared/api';
import { callbackBody, connected, nextEvent, postCallback, repSocket, signIn } from './test-server';

/**
 * The rep's session cookie and the accepted lead's card. Give each lead its own phone: a callback
 * from the phone of a nurtured lead would bring that lead back instead of making a new one.
 */
export async function acceptedLead(
  server: { url: string; siteKey: string },
  repEmail: string,
  callback: Record<string, unknown>,
): Promise<{ cookie: string; lead: LeadCard }> {
  const cookie = await signIn(server.url, repEmail);
  const socket = repSocket(server.url, cookie);
  await connected(socket);
  await socket.emitWithAck('presence:set', 'available');
  const offered = nextEvent<OfferView>(socket, 'offer:new');
  await postCallback(server.url, callbackBody(server.siteKey, callback));
  const offer = await offered;
  const ack = await socket.emitWithAck('offer:accept', { offerId: offer.offerId });
  await socket.emitWithAck('presence:set', 'away');
  socket.close();
  if (!ack.ok) throw new Error('accept failed');
  return { cookie, lead: ack.data };
}
