// Payment of fines: the 缴款码 with its check digit, the amount due on the payment day (G1 + G2), deferral and
// instalment applications (处罚法 Art. 66).
export * from './payment-code.ts';
export * from './amount-due.ts';
export * from './booking.ts';
