import { STATE_STYLES, patternId } from '../../viz/encoding.ts';

/**
 * The fill patterns of the page states and the vCPU arrowhead, defined once for the whole
 * document in a hidden SVG (ids are document-wide): the forest, the strip, the aggregated view
 * and the legend all refer to them.
 */
export function PatternDefs() {
  const o = STATE_STYLES.obsolete;
  const z = STATE_STYLES.zapped;
  const f = STATE_STYLES.freed;
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" style={{ position: 'absolute' }}>
      <defs>
        <pattern id={patternId('obsolete')} width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="7" height="7" fill={o.fill} />
          <line x1="0" y1="0" x2="0" y2="7" stroke={o.color} strokeWidth="3" />
        </pattern>
        <pattern id={patternId('zapped')} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill={z.fill} />
          <path d="M0 0 L8 8 M8 0 L0 8" stroke={z.color} strokeWidth="1.6" />
        </pattern>
        <marker id="fz-arrowhead" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="fz-arrowhead" />
        </marker>
        <pattern id={patternId('freed')} width="6" height="6" patternUnits="userSpaceOnUse">
          <circle cx="3" cy="3" r="0.9" fill={f.color} />
        </pattern>
      </defs>
    </svg>
  );
}
