/** Scenario UI: presets, the editor, share links, files, messages. Props in, callbacks out. */
import './scenario.css';

export { PresetPicker, type PresetPickerProps } from './PresetPicker.tsx';
export { ScenarioEditor, type ScenarioEditorProps } from './ScenarioEditor.tsx';
export { ShareButtons, type ShareButtonsProps, type LinkKind, type ClipboardLike } from './ShareButtons.tsx';
export { FileControls, type FileControlsProps } from './FileControls.tsx';
export { MessageBanner, errorMessage, notesMessage, type BannerMessage, type MessageBannerProps } from './MessageBanner.tsx';
