// A one-line caption composed from what the models found in an image (objects, faces, text), for
// the timeline's headline. No captioning model writes it: it says only what the detectors and the
// OCR reported.

export interface CaptionFindings {
  objectLabels: readonly string[];
  faceCount: number;
  text: string;
}

const captionTextChars = 120;

// COCO labels whose plural is not the label with an s.
const irregularPlurals: Record<string, string> = { person: 'people', mouse: 'mice', knife: 'knives', sheep: 'sheep', skis: 'skis', scissors: 'scissors' };

const plural = (label: string) => irregularPlurals[label] ?? (/(s|sh|ch|x)$/.test(label) ? `${label}es` : `${label}s`);

function counted(label: string, count: number): string {
  if (count > 1) return `${count} ${plural(label)}`;
  if (irregularPlurals[label] === label && label.endsWith('s')) return label;
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

/** "2 people, a cup, 1 face; text: Quarterly budget review", labels in order of first finding; "nothing recognised" when nothing was found. */
export function composeCaption({ objectLabels, faceCount, text }: CaptionFindings): string {
  const counts = new Map<string, number>();
  for (const label of objectLabels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const found = [...counts].map(([label, count]) => counted(label, count));
  if (faceCount > 0) found.push(`${faceCount} ${faceCount === 1 ? 'face' : 'faces'}`);
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const quoted = oneLine.length > captionTextChars ? `${oneLine.slice(0, captionTextChars - 1)}…` : oneLine;
  const parts = [found.join(', '), quoted ? `text: ${quoted}` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'nothing recognised';
}
