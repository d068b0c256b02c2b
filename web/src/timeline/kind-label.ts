// A kind as people read it in the app: HEART_RATE is "heart rate".
export const kindLabel = (kind: string) => kind.toLowerCase().replace(/_/g, ' ');
