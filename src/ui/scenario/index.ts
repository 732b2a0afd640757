/** Scenario UI: presets, the editor, share links, files, messages. Props in, callbacks out. */
import './scenario.css';

export { PresetPicker } from './PresetPicker.tsx';
export { ScenarioEditor } from './ScenarioEditor.tsx';
export { ShareButtons, type LinkKind } from './ShareButtons.tsx';
export { FileControls } from './FileControls.tsx';
export { MessageBanner, errorMessage, notesMessage, type BannerMessage } from './MessageBanner.tsx';
