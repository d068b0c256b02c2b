// A photo or screenshot drawn with what its analysis found over it, in SVG scaled from the image's
// pixels to the drawn size: object boxes with labels, face boxes with a gaze arrow, OCR line boxes
// (those holding a searched word highlighted), each layer shown or hidden by its checkbox.
import { useEffect, useRef, useState } from 'react';
import { facesOf, gazeArrow, linesMatching, objectBoxesOf, scaleBox, textLinesOf, type Box, type Size } from './image-findings.ts';

/** The fields of an imageAnalysis the overlay draws, as they come (its payload or its GraphQL fields). */
export interface Findings {
  widthPx?: unknown;
  heightPx?: unknown;
  textLines?: unknown;
  objectBoxes?: unknown;
  faces?: unknown;
}

type Layer = 'objects' | 'faces' | 'text';
const layerNames: Record<Layer, string> = { objects: 'Objects', faces: 'Faces', text: 'Text' };

/** The size the image is drawn at, followed as the panel resizes. */
function useDrawnSize() {
  const image = useRef<HTMLImageElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const element = image.current!;
    const observer = new ResizeObserver(() => setSize(element.clientWidth && element.clientHeight ? { width: element.clientWidth, height: element.clientHeight } : null));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [image, size] as const;
}

const percent = (score: number) => `${Math.round(score * 100)}%`;

function Label({ box, text, className }: { box: Box; text: string; className: string }) {
  return (
    <text className={className} x={box.x + 2} y={box.y > 14 ? box.y - 3 : box.y + 12}>
      {text}
    </text>
  );
}

export function AnalysedImage({ src, alt, findings, search }: { src: string; alt: string; findings: Findings | null; search: string }) {
  const [image, drawn] = useDrawnSize();
  const [shown, setShown] = useState<Record<Layer, boolean>>({ objects: true, faces: true, text: true });
  const lines = textLinesOf(findings?.textLines);
  const objects = objectBoxesOf(findings?.objectBoxes);
  const faces = facesOf(findings?.faces);
  const matching = new Set(linesMatching(lines, search));
  const counts: Record<Layer, number> = { objects: objects.length, faces: faces.length, text: lines.length };
  const pixels = typeof findings?.widthPx === 'number' && typeof findings.heightPx === 'number' ? { width: findings.widthPx, height: findings.heightPx } : null;
  const place = (box: Box) => scaleBox(box, pixels!, drawn!);

  return (
    <figure className="analysed-image">
      <div className="image-stack">
        <img ref={image} src={src} alt={alt} />
        {pixels && drawn && (
          <svg className="image-overlay" width={drawn.width} height={drawn.height} role="img" aria-label="What the analysis found">
            {shown.objects &&
              objects.map((o, i) => {
                const box = place(o.box);
                return (
                  <g key={`o${i}`} className="overlay-object" data-label={o.label}>
                    <rect {...box} />
                    <Label box={box} text={`${o.label} ${percent(o.score)}`} className="overlay-label" />
                  </g>
                );
              })}
            {shown.faces &&
              faces.map((f, i) => {
                const box = place(f.box);
                const arrow = f.gaze && gazeArrow(box, f.gaze);
                return (
                  <g key={`f${i}`} className="overlay-face">
                    <rect {...box} />
                    {arrow && (
                      <g className="overlay-gaze">
                        <circle cx={arrow.x1} cy={arrow.y1} r={2.5} />
                        <line {...arrow} markerEnd="url(#gaze-head)" />
                      </g>
                    )}
                    <Label box={box} text={['face', f.ageYears !== undefined ? `~${Math.round(f.ageYears)} y` : '', f.emotion?.label ?? ''].filter(Boolean).join(' · ')} className="overlay-label" />
                  </g>
                );
              })}
            {shown.text &&
              lines.map((line, i) => (
                <rect key={`t${i}`} className={matching.has(i) ? 'overlay-text-line highlighted' : 'overlay-text-line'} {...place(line.box)}>
                  <title>{`${line.text} (${percent(line.confidence)})`}</title>
                </rect>
              ))}
            <defs>
              <marker id="gaze-head" viewBox="0 0 10 10" refX={8} refY={5} markerWidth={5} markerHeight={5} orient="auto-start-reverse">
                <path d="M0,0L10,5L0,10Z" className="gaze-head" />
              </marker>
            </defs>
          </svg>
        )}
      </div>
      <figcaption>
        {findings ? (
          <span className="layers" role="group" aria-label="Layers">
            {(Object.keys(layerNames) as Layer[]).map((layer) => (
              <label key={layer}>
                <input type="checkbox" checked={shown[layer]} onChange={(e) => setShown((s) => ({ ...s, [layer]: e.target.checked }))} /> {layerNames[layer]} ({counts[layer]})
              </label>
            ))}
          </span>
        ) : (
          'Not analysed (yet): the images consumer adds text, objects and faces.'
        )}
        {matching.size > 0 && (
          <span className="matched-lines">
            {' '}
            · {matching.size} {matching.size === 1 ? 'line matches' : 'lines match'} “{search}”
          </span>
        )}
      </figcaption>
    </figure>
  );
}
