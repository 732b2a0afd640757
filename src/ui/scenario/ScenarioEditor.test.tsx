import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { presetVersion } from '../../scenario/presetVersions.ts';
import { ScenarioEditor } from './ScenarioEditor.tsx';

afterEach(cleanup);

const classroom = presetVersion('classroom')!.scenario;
const rootInUse = presetVersion('root-in-use')!.scenario;

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const apply = () => screen.getByRole('button', { name: 'Apply (restarts the run)' });

describe('ScenarioEditor', () => {
  it('every input and select has an accessible name', () => {
    const { container } = render(<ScenarioEditor scenario={rootInUse} presetName="root-in-use" onApply={() => {}} />);
    const controls = container.querySelectorAll('input, select');
    expect(controls.length).toBeGreaterThan(10);
    for (const el of controls) {
      const label = container.querySelector(`label[for="${el.id}"]`);
      expect(label?.textContent?.trim(), el.outerHTML).toBeTruthy();
    }
  });

  it('names the field and the allowed range as you type, and blocks Apply', () => {
    render(<ScenarioEditor scenario={classroom} presetName="classroom" onApply={() => {}} />);
    type(/^Guest memory/, '1');
    const input = screen.getByLabelText(/^Guest memory/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const help = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(help?.textContent).toBe('Guest memory must be a whole number between 2 and 1,048,576 MiB');
    expect(apply()).toHaveProperty('disabled', true);
    expect(screen.getByRole('status').textContent).toBe('1 field needs fixing before Apply.');
    type('Seed', 'abc');
    expect(screen.getByText('Seed must be a whole number between 0 and 4,294,967,295')).toBeTruthy();
    type(/^Duration/, '0.5');
    expect(screen.getByText('Duration must be between 1 and 10,000,000 µs (up to 3 decimals)')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('3 fields need fixing before Apply.');
  });

  it('applies the edited scenario, keeping what it does not show', () => {
    const onApply = vi.fn();
    render(<ScenarioEditor scenario={rootInUse} presetName="root-in-use" onApply={onApply} />);
    type(/^Guest memory/, '128');
    type('Seed', '5');
    type(/^Duration/, '2500.5');
    type(/^Batch size/, '20');
    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'zap-all' } });
    expect(screen.getByRole('status').textContent).toBe('Changes not applied yet.');
    fireEvent.click(apply());
    expect(onApply).toHaveBeenCalledTimes(1);
    const sc = onApply.mock.calls[0]![0] as typeof rootInUse;
    expect(sc).toEqual({
      ...rootInUse,
      seed: 5,
      guest: { ...rootInUse.guest, memoryMiB: 128 },
      durationNs: 2_500_500,
      strategy: { ...rootInUse.strategy, name: 'zap-all', batchZapPages: 20 },
    });
  });

  it('edits vCPU groups and scripted interventions, with cross-field checks', () => {
    const onApply = vi.fn();
    render(<ScenarioEditor scenario={classroom} presetName="classroom" onApply={onApply} />);
    // The classroom preset has 2 vCPUs; pausing vCPU 5 is out of range.
    fireEvent.click(screen.getByRole('button', { name: 'Add intervention' }));
    const row = screen.getByRole('group', { name: 'Intervention 2' });
    fireEvent.change(within(row).getByLabelText(/Action$/), { target: { value: 'pause-vcpu' } });
    fireEvent.change(within(row).getByLabelText(/ vCPU$/), { target: { value: '5' } });
    expect(within(row).getByText('Intervention 2: vCPU must be a whole number between 0 and 1')).toBeTruthy();
    // A second group adds vCPUs, and vCPU 5 becomes valid.
    fireEvent.click(screen.getByRole('button', { name: 'Add vCPU group' }));
    const group = screen.getByRole('group', { name: 'vCPU group 2' });
    fireEvent.change(within(group).getByLabelText(/ vCPUs$/), { target: { value: '4' } });
    expect(within(row).queryByText(/vCPU must be/)).toBeNull();
    fireEvent.change(within(row).getByLabelText(/ At \(µs\)$/), { target: { value: '9999' } });
    expect(within(row).getByText('Intervention 2: time must be between 0 and 3,000 µs (up to 3 decimals)')).toBeTruthy();
    fireEvent.change(within(row).getByLabelText(/ At \(µs\)$/), { target: { value: '1500' } });
    // Working set bigger than the guest.
    fireEvent.change(within(group).getByLabelText(/Working set/), { target: { value: '65' } });
    expect(within(group).getByText('vCPU group 2: working set must be a whole number between 0 and 64 MiB')).toBeTruthy();
    fireEvent.change(within(group).getByLabelText(/Working set/), { target: { value: '' } });
    // Hot-set fields appear with the pattern.
    fireEvent.change(within(group).getByLabelText(/Access pattern$/), { target: { value: 'hot-set' } });
    fireEvent.change(within(group).getByLabelText(/Hot part/), { target: { value: '0' } });
    expect(within(group).getByText('vCPU group 2: hot part must be a whole number between 1 and 1,000 ‰')).toBeTruthy();
    fireEvent.change(within(group).getByLabelText(/Hot part/), { target: { value: '50' } });
    fireEvent.click(apply());
    const sc = onApply.mock.calls[0]![0] as typeof classroom;
    expect(sc.vcpus[1]).toEqual({ count: 4, pattern: 'hot-set', gapNs: 200, hotPermille: 50, hotAccessPermille: 900 });
    expect(sc.script).toEqual([...classroom.script, { atNs: 1_500_000, action: { type: 'pause-vcpu', vcpu: 5 } }]);
    // Remove both again.
    fireEvent.click(screen.getByRole('button', { name: 'Remove intervention 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove vCPU group 2' }));
    expect(screen.queryByRole('group', { name: 'Intervention 2' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove vCPU group/ })).toBeNull();
  });

  it('too many vCPUs in all is reported on the groups', () => {
    render(<ScenarioEditor scenario={classroom} presetName="classroom" onApply={() => {}} />);
    fireEvent.change(screen.getByLabelText(/^vCPU group 1 vCPUs/), { target: { value: '255' } });
    expect(screen.queryByText(/vCPUs in all/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add vCPU group' }));
    expect(screen.getByText('vCPUs in all must be at most 255 (now 256)')).toBeTruthy();
  });

  it('Reset to preset restores the form; a new scenario replaces it', () => {
    const onApply = vi.fn();
    const { rerender } = render(<ScenarioEditor scenario={{ ...classroom, seed: 99 }} presetName="classroom" onApply={onApply} />);
    type(/^Guest memory/, '1');
    fireEvent.click(screen.getByRole('button', { name: 'Reset to preset' }));
    expect(screen.getByLabelText<HTMLInputElement>(/^Guest memory/).value).toBe('64');
    expect(screen.getByLabelText<HTMLInputElement>('Seed').value).toBe('1');
    expect(screen.getByRole('status').textContent).toMatch(/preset “Classroom: a tiny VM” again; Apply restarts the run/);
    expect(onApply).not.toHaveBeenCalled();
    rerender(<ScenarioEditor scenario={rootInUse} presetName={null} onApply={onApply} />);
    expect(screen.getAllByRole('group', { name: /^Intervention \d$/ })).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Reset to preset' })).toBeNull();
  });
});
