// The booking screens' visitor-facing texts in English (see widget/panel/texts.ts for how
// languages and the site config replace them).
export const BOOKING_EN = {
  slotTaken: 'That time was just taken. Please pick another:',
  addToCalendar: 'Add to calendar',
  bookedDetail: "We'll call {phone}. You can close this window.",
};

export type BookingTexts = typeof BOOKING_EN;
