import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportScenarioFile } from '../../scenario/file.ts';
import { presetVersion } from '../../scenario/presetVersions.ts';
import { FileControls } from './FileControls.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const classroom = presetVersion('classroom')!.scenario;
const fileInput = () => screen.getByLabelText<HTMLInputElement>('Scenario file');

async function choose(file: File) {
  const input = fileInput();
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    fireEvent.change(input);
    await new Promise((r) => setTimeout(r, 0));
  });
}

describe('FileControls', () => {
  it('exports the scenario as a JSON download', async () => {
    let blob: Blob | null = null;
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:fastzap/1';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const interventions = [{ atEvent: 3, action: { type: 'memslot-delete' as const } }];
    render(<FileControls scenario={classroom} interventions={interventions} onOpen={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export scenario' }));
    expect(create).toHaveBeenCalledTimes(1);
    expect(clicked[0]?.download).toBe('fastzap-classroom.json');
    expect(clicked[0]?.getAttribute('href')).toBe('blob:fastzap/1');
    expect(await blob!.text()).toBe(exportScenarioFile(classroom, interventions));
    expect(screen.getByRole('status').textContent).toBe('Scenario exported as fastzap-classroom.json.');
  });

  it('opens a valid file from the picker', async () => {
    const onOpen = vi.fn();
    render(<FileControls scenario={null} onOpen={onOpen} />);
    expect(screen.getByRole('button', { name: 'Export scenario' })).toHaveProperty('disabled', true);
    await choose(new File([exportScenarioFile({ ...classroom, seed: 4 })], 'mine.json', { type: 'application/json' }));
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen.mock.calls[0]![0]).toMatchObject({ scenario: { seed: 4 }, preset: 'classroom', interventions: [], notes: [] });
    expect(screen.getByRole('status').textContent).toBe('Opened mine.json.');
  });

  it('a broken file is refused with its specific message, as an alert', async () => {
    const onOpen = vi.fn();
    const onError = vi.fn();
    render(<FileControls scenario={classroom} onOpen={onOpen} onError={onError} />);
    await choose(new File(['{"version": 1, "guest": '], 'broken.json'));
    expect(screen.getByRole('alert').textContent).toMatch(/^⚠broken\.json: The file is not valid JSON: .+E_JSON/);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'E_JSON' }));
    await choose(new File([JSON.stringify({ ...classroom, durationNs: 5 })], 'short.json'));
    expect(screen.getByRole('alert').textContent).toContain(
      "short.json: The file's scenario is not valid: durationNs must be between 1000 and 10000000000",
    );
    expect(onOpen).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss error' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a file over the limit is refused without reading it', async () => {
    const big = new File(['x'], 'big.json');
    Object.defineProperty(big, 'size', { value: 5 * 1024 * 1024 });
    const text = vi.spyOn(big, 'text');
    render(<FileControls scenario={classroom} onOpen={() => {}} />);
    await choose(big);
    expect(screen.getByRole('alert').textContent).toContain('The file is 5.0 MiB; scenario files can be at most 1.0 MiB.');
    expect(text).not.toHaveBeenCalled();
  });

  it('opens a file dropped on the zone, with notes about what was dropped', async () => {
    const onOpen = vi.fn();
    render(<FileControls scenario={classroom} onOpen={onOpen} />);
    const zone = screen.getByTestId('scenario-dropzone');
    const body = JSON.stringify({ scenario: classroom, interventions: [{ atEvent: 1, action: { type: 'pause-vcpu', vcpu: 9 } }] });
    fireEvent.dragEnter(zone);
    expect(zone.dataset['over']).toBe('true');
    await act(async () => {
      fireEvent.drop(zone, { dataTransfer: { files: [new File([body], 'dropped.json')] } });
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(zone.dataset['over']).toBe('false');
    expect(onOpen).toHaveBeenCalledTimes(1);
    const notes = screen
      .getAllByRole('status')
      .map((s) => s.textContent)
      .join(' ');
    expect(notes).toContain(
      "1 intervention of the file's 1 was invalid and dropped (interventions[0]: action.vcpu must be between 0 and 1)",
    );
  });
});
