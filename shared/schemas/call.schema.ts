// Browser calls (issue 23): the signalling messages the visitor and the accepting rep relay to
// each other through Sixty over their socket.io connections, and the ICE servers they are given.
// Every size is bounded: a relay must not carry whatever a client sends.
import { z } from 'zod';

/** A session description is a few kilobytes for one audio track; 16 KB leaves room for many candidates inlined. */
export const MAX_SDP_CHARS = 16 * 1024;
/** One ICE candidate line is under 200 characters; 1 KB bounds it with room to spare. */
export const MAX_CANDIDATE_CHARS = 1024;

const offerId = z.string().min(1).max(100);

/** The offer (`RTCSessionDescriptionInit` of type offer) or the answer. */
const description = (kind: 'offer' | 'answer') => z.strictObject({ offerId, kind: z.literal(kind), sdp: z.string().min(1).max(MAX_SDP_CHARS) });

/** One trickled ICE candidate (`RTCIceCandidateInit`); `candidate: ''` is the end-of-candidates marker. */
const candidate = z.strictObject({
  offerId,
  kind: z.literal('candidate'),
  candidate: z.strictObject({
    candidate: z.string().max(MAX_CANDIDATE_CHARS),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  }),
});

/**
 * The visitor's call screen is up and listening: the rep's side sends its offer again at once (the
 * first went out before the visitor's page had joined, when a rep accepts within moments).
 */
const ready = z.strictObject({ offerId, kind: z.literal('ready') });

/** Either side ends the call. */
const hangup = z.strictObject({ offerId, kind: z.literal('hangup'), reason: z.enum(['hangup', 'failed', 'busy']).optional() });

export const callSignalSchema = z.discriminatedUnion('kind', [description('offer'), description('answer'), candidate, ready, hangup]);
export type CallSignal = z.infer<typeof callSignalSchema>;

export const callOfferIdSchema = z.strictObject({ offerId });

/** One `RTCIceServer`, as the browser takes it; a TURN server carries its short-lived credentials. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** What `call:ice-servers` answers: the list for `RTCPeerConnection`, and when the TURN credentials stop working. */
export interface IceServersGrant {
  iceServers: IceServer[];
  /** Unix milliseconds; null when there is no TURN server (direct connections only). */
  expiresAt: number | null;
}

/** How the visitor asked to talk: a phone call back (the default), or a voice call in the browser. */
export const TALK_MODES = ['phone', 'browser'] as const;
export type TalkMode = (typeof TALK_MODES)[number];

/** What one side measured over the call (`RTCPeerConnection.getStats()`); null when the browser gave no figure. */
export const callQualitySchema = z.strictObject({
  rttMs: z.number().min(0).max(60_000).nullable(),
  packetLossPct: z.number().min(0).max(100).nullable(),
  jitterMs: z.number().min(0).max(60_000).nullable(),
});
export type CallQuality = z.infer<typeof callQualitySchema>;

/**
 * `call:report`: each side tells the server what happened to the call, for the lead's record.
 * Who reported is known from the socket; the first `ended` decides who hung up (`hangup`) or that
 * the network ended it (`failed`).
 */
export const callReportSchema = z.discriminatedUnion('event', [
  z.strictObject({ offerId, event: z.literal('connected') }),
  z.strictObject({ offerId, event: z.literal('ended'), reason: z.enum(['hangup', 'failed']), quality: callQualitySchema.optional() }),
]);
export type CallReport = z.infer<typeof callReportSchema>;

/** `calls:capable`: whether the rep's tab can take browser calls now. */
export const callCapableSchema = z.strictObject({ capable: z.boolean() });
