import { map, of, type Observable } from 'rxjs';
import type { Template } from '../../core';
import type { DeskDatabase } from '../db/database';
import type { LibraryDocument } from '../db/schemas';

/** Every template a console may hold: the server bounds them (500 shared, 200 personal). */
const TEMPLATES_HELD_MAX = 700;

/**
 * The answer templates on this desk (the shared ones and the agent's own; the feed brings no
 * others), by name, live: the composer finds them offline.
 */
export function localTemplates$(db: DeskDatabase): Observable<Template[]> {
  if (!db.library) return of([]);
  return db.library
    .find({ selector: { kind: 'template' }, limit: TEMPLATES_HELD_MAX })
    .$.pipe(map((docs) => docs.flatMap((doc) => (doc.toJSON() as LibraryDocument).template ?? []).sort((a, b) => a.name.localeCompare(b.name))));
}
