import type { CheckDefinition } from '../checks/check-definition.js';
import { ScopePlacer } from './place-in-scope.js';
import { flat } from './reason.js';
import type { AssetRef, AssetVerdict, Finding } from './results.js';

/** Violators as rendered once for every check that asks the same question with the same reason. */
export interface RenderedViolators {
  subjects: AssetRef[];
  /** As rendered: undefined where the reason gave no text (each check's default applies). */
  reasons: Array<string | undefined>;
}

/**
 * A failed check's verdicts and findings, from its violators given a slice at a time, so a scan
 * never needs every violator's result object at once. The verdicts are the scope's shared
 * passing ones with the violators' replaced (work per violator, not per asset in scope); a
 * violator outside the scope is added; an asset listed twice keeps its last reason, which each
 * of its findings gives. With no violators at all, every asset in scope fails.
 */
export class Failures {
  private readonly verdicts: AssetVerdict[];
  private readonly placer: ScopePlacer | undefined;
  private readonly subjects: AssetRef[] = [];
  /** Each violator's verdict, by position in `verdicts`. */
  private readonly at: number[] = [];
  private added: Map<string, number> | undefined;
  /** Each violator's reason as rendered (undefined: the default), when kept for another check (`keepRendered`). */
  private rendered: Array<string | undefined> | undefined;

  constructor(
    private readonly check: CheckDefinition,
    private readonly scope: readonly AssetRef[] | undefined,
    /** The scope's passing verdicts, shared by the checks of that scope (not modified). */
    private readonly shared: readonly AssetVerdict[] | undefined,
  ) {
    this.verdicts = shared ? shared.slice() : [];
    this.placer = scope && new ScopePlacer(scope);
  }

  /** Keeps the violators' reasons as rendered, for `rendering()`. */
  keepRendered(): void {
    this.rendered ??= [];
  }

  /** The violators so far with their reasons as rendered (when kept): for another check of the same question. */
  rendering(): RenderedViolators | undefined {
    return this.rendered && { subjects: this.subjects.slice(), reasons: this.rendered.slice() };
  }

  /**
   * Violators: query items with a text id, each with its reason (undefined: the check's default).
   * An item's subject is its asset in scope, else `refFor(item)`.
   */
  addItems(items: readonly unknown[], reasons: ReadonlyArray<string | undefined>, refFor: (item: unknown) => AssetRef): void {
    for (let i = 0; i < items.length; i++) {
      const id = (items[i] as { id: string }).id;
      const position = this.placer ? this.placer.place(id) : -1;
      this.add(position >= 0 ? this.scope![position] : refFor(items[i]), position, reasons[i]);
    }
  }

  /** Violators rendered by another check (their subjects found already). */
  addRendered({ subjects, reasons }: RenderedViolators): void {
    for (let i = 0; i < subjects.length; i++) {
      const position = this.placer ? this.placer.place(subjects[i].id) : -1;
      this.add(position >= 0 ? this.scope![position] : subjects[i], position, reasons[i]);
    }
  }

  /** The check's verdicts (one per asset in scope and per violator outside it) and findings. */
  finish(): { verdicts: AssetVerdict[]; findings: Finding[] } {
    if (this.subjects.length === 0 && this.scope) {
      for (let i = 0; i < this.scope.length; i++) this.add(this.scope[i], i, undefined);
    }
    const { verdicts, subjects, at } = this;
    const findings =
      subjects.length === 0
        ? [this.finding(null, `Expectation "${this.check.expectation!.text}" does not hold.`)]
        : subjects.map((asset, i) => this.finding(asset, verdicts[at[i]].reason!));
    return { verdicts, findings };
  }

  private add(asset: AssetRef, scopePosition: number, rendered: string | undefined): void {
    this.rendered?.push(rendered);
    const verdict: AssetVerdict = { asset, status: 'fail', reason: rendered ?? defaultReason(this.check.metadata.title, asset) };
    let position = scopePosition;
    if (position < 0 || !this.shared) {
      position = (this.added ??= new Map()).get(asset.id) ?? -1;
      if (position < 0) this.added.set(asset.id, (position = this.verdicts.push(verdict) - 1));
    }
    this.verdicts[position] = verdict;
    this.subjects.push(asset);
    this.at.push(position);
  }

  private finding(asset: AssetRef | null, reason: string): Finding {
    const { metadata } = this.check;
    return {
      checkId: metadata.id,
      title: metadata.title,
      severity: metadata.severity,
      asset,
      reason,
      remediation: metadata.remediation,
      frameworks: metadata.frameworks,
      file: this.check.file,
    };
  }
}

function defaultReason(title: string, asset: AssetRef): string {
  return flat(`${asset.type ?? 'Asset'} ${asset.name ?? asset.id} does not meet: ${title}`);
}
