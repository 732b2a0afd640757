/** Choices the scenario editor offers, from the schema's and the core's own lists (the UI reaches sim/ only through sim/public.ts). */
import { STRATEGIES, STRATEGY_NAMES } from '../sim/public.ts';

export const STRATEGY_CHOICES: readonly { readonly name: string; readonly label: string; readonly description: string }[] =
  STRATEGY_NAMES.map((name) => ({
    name,
    label: STRATEGIES[name].label,
    description: STRATEGIES[name].description,
  }));

export const PATTERN_CHOICES = ['uniform', 'hot-set', 'sequential', 'idle'] as const;

export const LOCK_BREAK_CHOICES = [
  { name: 'contended', label: 'break when someone waits (spin_needbreak)' },
  { name: 'resched-only', label: 'break only on need_resched' },
] as const;
