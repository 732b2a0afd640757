import { useActions, useFastZap, useFrame } from '../../state/hooks.ts';
import { ActiveListStrip } from '../panels/ActiveListStrip.tsx';

/** active_mmu_pages under the stage, once a frame is there. */
export function StripContainer() {
  const frame = useFrame();
  const selected = useFastZap((s) => s.view.selectedPage);
  const actions = useActions();
  return frame && <ActiveListStrip frame={frame} selected={selected} onSelect={actions.selectPage} />;
}
