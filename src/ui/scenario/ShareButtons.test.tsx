import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShareButtons, type LinkKind } from './ShareButtons.tsx';

afterEach(cleanup);

const build = (kind: LinkKind) => ({ ok: true as const, value: `https://fz.example/#v1.${kind}` });

async function click(name: string) {
  // eslint-disable-next-line @typescript-eslint/require-await
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
}

describe('ShareButtons', () => {
  it('copies the link and announces it', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    const buildLink = vi.fn(build);
    render(<ShareButtons buildLink={buildLink} clipboard={{ writeText }} />);
    await click('Copy link');
    expect(buildLink).toHaveBeenLastCalledWith('run');
    expect(writeText).toHaveBeenLastCalledWith('https://fz.example/#v1.run');
    expect(screen.getByRole('status').textContent).toBe('Link copied');
    await click('Copy link to this moment');
    expect(writeText).toHaveBeenLastCalledWith('https://fz.example/#v1.moment');
    expect(screen.getByRole('status').textContent).toBe('Link to this moment copied');
    expect(screen.queryByLabelText('Link to copy')).toBeNull();
  });

  it('without a clipboard, shows the link in a selectable field', async () => {
    render(<ShareButtons buildLink={build} clipboard={null} />);
    await click('Copy link to this moment');
    const field = screen.getByLabelText<HTMLInputElement>('Link to copy');
    expect(field.value).toBe('https://fz.example/#v1.moment');
    expect(field.readOnly).toBe(true);
    expect(screen.getByRole('status').textContent).toMatch(/Copying is not available here\. Link to this moment shown below/);
    fireEvent.click(screen.getByRole('button', { name: 'Hide link' }));
    expect(screen.queryByLabelText('Link to copy')).toBeNull();
  });

  it('when the clipboard refuses, falls back to the field', async () => {
    render(<ShareButtons buildLink={build} clipboard={{ writeText: () => Promise.reject(new Error('denied')) }} />);
    await click('Copy link');
    expect(screen.getByLabelText<HTMLInputElement>('Link to copy').value).toBe('https://fz.example/#v1.run');
  });

  it('a run too big for a link shows the reason as an alert', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    render(
      <ShareButtons
        buildLink={() => ({
          ok: false,
          error: { code: 'E_LINK_SIZE', message: 'This run is too large for a link. Export it as a file instead.', issues: [] },
        })}
        clipboard={{ writeText }}
      />,
    );
    await click('Copy link');
    expect(screen.getByRole('alert').textContent).toContain('This run is too large for a link');
    expect(writeText).not.toHaveBeenCalled();
  });
});
