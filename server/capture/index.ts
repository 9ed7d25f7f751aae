// The capture area's public surface: every door that makes a lead (the widget's callback, an
// identify with a phone, the site's own forms, an API) calls one of these; see capture-lead.ts.
export { captureLead, captureIdentified } from './capture-lead';
export { captureDepsOf } from './capture-deps';
export type { CaptureDeps, CaptureOutcome, CaptureRequest, CaptureSource, IdentifyDeps, IdentifyRequest } from './capture-lead';
