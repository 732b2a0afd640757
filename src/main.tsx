import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FastZapProvider } from './state/hooks.ts';
import { App } from './ui/App.tsx';
import './ui/app.css';
import './ui/buttons.css';
import './ui/media.css';
import './ui/forest/forest.css';
import './ui/forest/aggregate.css';
import './ui/panels/panels.css';
import './ui/panels/inspector.css';
import './ui/controls/controls.css';

const el = document.getElementById('root');
if (el) {
  createRoot(el).render(
    <StrictMode>
      <FastZapProvider>
        <App />
      </FastZapProvider>
    </StrictMode>,
  );
}
