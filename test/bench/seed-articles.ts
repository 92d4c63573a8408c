import { LABELLED_ARTICLES } from '../../core/knowledge/quality/labelled-articles';

/**
 * Publishes `count` public articles through the HTTP API as the seeded admin: the labelled set's
 * 36 trilingual articles, then variants of them with a numbered title, and one that every bench
 * intake matches ("Invoice page shows an error after the update"), so the self-service path with
 * its offer (signing a link, a longer acknowledgement) runs for each ticket: the costlier case.
 */
export async function seedArticles(url: string, admin: { email: string; password: string }, count: number): Promise<void> {
  if (count === 0) return;
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  const { token } = (await login.json()) as { token: string };
  const publish = async (article: { title: string; body: string; language: string }) => {
    const response = await fetch(`${url}/api/kb/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ ...article, visibility: 'public', status: 'published' }),
    });
    if (response.status !== 201) throw new Error(`could not publish an article: ${response.status} ${await response.text()}`);
  };
  await publish({ title: 'Invoice page shows an error after the update', body: 'Clear the browser cache and open the invoice again.', language: 'en' });
  for (let index = 1; index < count; index++) {
    const source = LABELLED_ARTICLES[index % LABELLED_ARTICLES.length]!;
    const round = Math.floor(index / LABELLED_ARTICLES.length);
    await publish({ title: round === 0 ? source.title : `${source.title} (${round})`, body: source.body, language: source.language });
  }
}
