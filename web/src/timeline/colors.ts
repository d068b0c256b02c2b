// A stable colour per kind or label, so heart rate is the same red in every lane and every visit.
const hash = (text: string) => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

export const colourOf = (text: string, lightness = 45) => `hsl(${Math.abs(hash(text)) % 360} 65% ${lightness}%)`;
