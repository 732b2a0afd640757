import { useId, useRef, useState, type DragEvent } from 'react';
import type { ScenarioError } from '../../scenario/errors.ts';
import { checkFileSize, exportScenarioFile, parseScenarioFile, scenarioFileName, type OpenedFile } from '../../scenario/file.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { TimedIntervention } from '../../sim/public.ts';
import { MessageBanner, errorMessage, notesMessage, type BannerMessage } from './MessageBanner.tsx';

export interface FileControlsProps {
  /** The scenario to export (null: nothing loaded yet, export disabled). */
  readonly scenario: Scenario | null;
  /** Interventions made so far, saved with the scenario. */
  readonly interventions?: readonly TimedIntervention[];
  /** A file opened and validated: load it (restarting the run). */
  readonly onOpen: (file: OpenedFile) => void;
  /** Also told of errors (they are shown here in any case). */
  readonly onError?: (error: ScenarioError) => void;
}

/** Save `text` as a download named `name`. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers still read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A zone to drop a file on (highlighted while a file is over it). */
function DropZone({ onFile }: { readonly onFile: (file: File | undefined) => void }) {
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    onFile(e.dataTransfer.files[0]);
  };
  return (
    <div
      className={over ? 'fz-dropzone is-over' : 'fz-dropzone'}
      data-testid="scenario-dropzone"
      data-over={over}
      onDragEnter={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => e.preventDefault()}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      or drop a scenario file (.json) here
    </div>
  );
}

/** "Export scenario" (a JSON download) and "Open scenario file" (picker or drag-and-drop). */
export function FileControls({ scenario, interventions = [], onOpen, onError }: FileControlsProps) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<BannerMessage | null>(null);
  const [status, setStatus] = useState('');

  const failWith = (error: ScenarioError) => {
    setMessage(errorMessage(error));
    setStatus('');
    onError?.(error);
  };

  const exportFile = () => {
    if (!scenario) return;
    const name = scenarioFileName(scenario);
    download(name, exportScenarioFile(scenario, interventions));
    setMessage(null);
    setStatus(`Scenario exported as ${name}.`);
  };

  const open = async (file: File | undefined) => {
    if (!file) return;
    const size = checkFileSize(file.size);
    if (!size.ok) return failWith(size.error);
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      return failWith({
        code: 'E_FILE',
        message: `The file “${file.name}” could not be read${e instanceof Error ? `: ${e.message}` : ''}.`,
        issues: [],
      });
    }
    const r = parseScenarioFile(text);
    if (!r.ok) return failWith({ ...r.error, message: `${file.name}: ${r.error.message}` });
    setMessage(notesMessage(r.value.notes));
    setStatus(`Opened ${file.name}.`);
    onOpen(r.value);
  };

  return (
    <div className="fz-files" role="group" aria-label="Scenario files">
      <button type="button" className="fz-btn" disabled={!scenario} onClick={exportFile}>
        Export scenario
      </button>
      <button type="button" className="fz-btn" onClick={() => inputRef.current?.click()}>
        Open scenario file…
      </button>
      <input
        id={inputId}
        ref={inputRef}
        className="fz-sr-only"
        type="file"
        accept=".json,application/json"
        tabIndex={-1}
        aria-label="Scenario file"
        onChange={(e) => {
          const input = e.currentTarget;
          void open(input.files?.[0]).finally(() => {
            input.value = ''; // the same file can be opened again
          });
        }}
      />
      <DropZone onFile={(f) => void open(f)} />
      <MessageBanner message={message} onDismiss={() => setMessage(null)} />
      <p className="fz-files-status" role="status">
        {status}
      </p>
    </div>
  );
}
