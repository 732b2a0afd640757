import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FastZapProvider } from './state/hooks.ts';
import { App } from './ui/App.tsx';
import './ui/app.css';

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
