import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../../scenario/presets.ts';
import { PresetPicker } from './PresetPicker.tsx';
import { MessageBanner } from './MessageBanner.tsx';

afterEach(cleanup);

describe('PresetPicker', () => {
  it('shows every preset with its title and paragraph, and opens one on click', () => {
    const onSelect = vi.fn();
    render(<PresetPicker presets={PRESETS} selected="classroom" onSelect={onSelect} />);
    expect(screen.getByRole('heading', { name: 'Presets' })).toBeTruthy();
    for (const p of PRESETS) {
      const button = screen.getByRole('button', { name: new RegExp(`^${p.title.replace(/[()]/g, '\\$&')}`) });
      const described = document.getElementById(button.getAttribute('aria-describedby') ?? '');
      expect(described?.textContent).toBe(p.description);
    }
    const current = screen.getByRole('button', { current: true });
    expect(current.textContent).toContain('Classroom');
    fireEvent.click(screen.getByRole('button', { name: /^A root still in use/ }));
    expect(onSelect).toHaveBeenCalledWith('root-in-use');
  });
});

describe('MessageBanner', () => {
  it('errors are alerts with their code; notes are status; both dismiss', () => {
    const onDismiss = vi.fn();
    const { rerender } = render(
      <MessageBanner message={{ type: 'error', code: 'E_LINK_DECODE', text: 'The link is damaged.' }} onDismiss={onDismiss} />,
    );
    expect(screen.getByRole('alert').textContent).toContain('The link is damaged. E_LINK_DECODE');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss error' }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
    rerender(
      <MessageBanner message={{ type: 'note', text: 'The view settings were ignored.', details: ['and this'] }} onDismiss={onDismiss} />,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('The view settings were ignored.and this');
    rerender(<MessageBanner message={null} onDismiss={onDismiss} />);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
