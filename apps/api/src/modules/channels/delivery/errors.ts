/** A delivery failure that retrying cannot fix: the message goes FAILED at once. */
export class PermanentDeliveryError extends Error {}
