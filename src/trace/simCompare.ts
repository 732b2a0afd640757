/**
 * Checks a fold state against the simulation state it should describe (at a step boundary):
 * the tests' oracle, also handy when debugging a trace. Returns the mismatches, empty if none.
 */
import { actorName } from '../sim/actors.ts';
import { NO_PAGE, INVALID_PAGE, pageId, type SimState } from '../sim/types.ts';
import type { PageState } from './frame.ts';
import type { FoldState } from './foldState.ts';
import { pageState } from './foldState.ts';
import { activeIds } from './frameOf.ts';

/** The state a page should be drawn in, from the simulation's own fields. */
function expectedPageState(s: Readonly<SimState>, id: number): PageState | 'missing' {
  const p = s.pages.get(pageId(id));
  if (!p) return 'missing';
  if (p.list !== 'active') return 'zapped';
  if (p.role.invalid && p.rootCount > 0) return 'invalid-root';
  if (p.role.invalid) return 'obsolete'; // never at a step boundary: reported below
  return p.gen === s.mmuValidGen ? 'valid' : 'obsolete';
}

/** Every way `fold` disagrees with `sim` (at most `max` messages). */
export function compareFoldToSim(fold: Readonly<FoldState>, sim: Readonly<SimState>, max = 20): string[] {
  const out: string[] = [];
  const bad = (m: string) => {
    if (out.length < max) out.push(`@${fold.cursor}: ${m}`);
  };
  if (fold.cursor !== sim.eventCount) bad(`cursor ${fold.cursor} vs eventCount ${sim.eventCount}`);
  if (fold.globalGen !== sim.mmuValidGen) bad(`gen ${fold.globalGen} vs ${sim.mmuValidGen}`);
  if (fold.nUsed !== sim.nUsedMmuPages) bad(`nUsed ${fold.nUsed} vs ${sim.nUsedMmuPages}`);
  let liveInFold = 0;
  for (const p of fold.pages.values()) {
    if (p.list === 'freed') {
      if (sim.pages.has(pageId(p.id))) bad(`page ${p.id} freed in the fold, alive in the sim`);
      continue;
    }
    liveInFold++;
    const sp = sim.pages.get(pageId(p.id));
    if (!sp) {
      bad(`page ${p.id} (${pageState(fold, p)}) in the fold, not in the sim`);
      continue;
    }
    const want = expectedPageState(sim, p.id);
    const got = pageState(fold, p);
    if (got !== want)
      bad(`page ${p.id} state ${got} vs ${want} (list ${sp.list}, invalid ${sp.role.invalid}, rc ${sp.rootCount}, gen ${sp.gen})`);
    if (sp.role.invalid && sp.list === 'active' && sp.rootCount === 0)
      bad(`page ${p.id}: invalid, active, root_count 0 at a step boundary`);
    if (p.gen !== sp.gen || p.level !== sp.role.level || p.gfn !== sp.gfn) bad(`page ${p.id} identity differs`);
    if (p.rootCount !== sp.rootCount) bad(`page ${p.id} root_count ${p.rootCount} vs ${sp.rootCount}`);
    if (p.leaves !== sp.leafCount) bad(`page ${p.id} leaves ${p.leaves} vs ${sp.leafCount}`);
    if (p.children.size !== sp.children.size) bad(`page ${p.id} children ${p.children.size} vs ${sp.children.size}`);
    const pk = (xs: readonly { page: number; index: number }[]) =>
      xs
        .map((x) => `${x.page}/${x.index}`)
        .sort()
        .join(',');
    if (pk(p.parents) !== pk(sp.parents)) bad(`page ${p.id} parents ${pk(p.parents)} vs ${pk(sp.parents)}`);
  }
  if (liveInFold !== sim.pages.size) bad(`${liveInFold} live pages in the fold vs ${sim.pages.size} in the sim`);
  const simActive: number[] = [];
  for (let id = sim.tail; id !== NO_PAGE; id = sim.pages.get(id)?.newer ?? NO_PAGE) simActive.push(id);
  if (activeIds(fold).join() !== simActive.join()) bad('active_mmu_pages order differs');
  sim.vcpus.forEach((v, k) => {
    const f = fold.vcpus[k];
    if (!f) return bad(`vcpu${k} missing`);
    const root = v.root === INVALID_PAGE ? null : v.root;
    if (f.root !== root) bad(`vcpu${k} root ${f.root} vs ${root}`);
    if (f.inGuest !== v.inGuest) bad(`vcpu${k} inGuest ${f.inGuest} vs ${v.inGuest}`);
    if (f.paused !== v.paused) bad(`vcpu${k} paused ${f.paused} vs ${v.paused}`);
    if (f.reqReload !== v.reqMmuReload) bad(`vcpu${k} reqReload ${f.reqReload} vs ${v.reqMmuReload}`);
    if (f.reqTlbFlush !== v.reqTlbFlush) bad(`vcpu${k} reqTlbFlush ${f.reqTlbFlush} vs ${v.reqTlbFlush}`);
    if (f.faults !== v.faults) bad(`vcpu${k} faults ${f.faults} vs ${v.faults}`);
    // A paused vCPU parks at its next entry without an event; the fold shows it paused at once.
    const early = f.activity === 'paused' && v.paused && v.activity === 'exiting';
    if (f.activity !== v.activity && !early) bad(`vcpu${k} activity ${f.activity} vs ${v.activity} (pc ${v.pc})`);
  });
  const holder = sim.lock.holder === null ? null : actorName(sim.lock.holder);
  if (fold.lock.holder !== holder) bad(`lock holder ${fold.lock.holder} vs ${holder}`);
  const waiters = sim.lock.waiters.map((w) => actorName(w.actor)).join();
  if (fold.lock.waiters.join() !== waiters) bad(`lock waiters ${fold.lock.waiters.join()} vs ${waiters}`);
  // 5304b8d commits, emits lock.broken, and only unlocks (resetting its counter) a step later.
  const breaking = sim.zapper.pc === 'break';
  if (sim.zapper.job?.type === 'invalidate' && !breaking && fold.zapper.batch !== sim.zapper.batch)
    bad(`zapper batch ${fold.zapper.batch} vs ${sim.zapper.batch}`);
  return out;
}
