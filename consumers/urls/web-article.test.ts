import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeHtml, readArticle } from './web-article.ts';

const page = (body: string, head = '') => `<html lang="fr"><head><title>Le titre</title>${head}</head><body>${body}</body></html>`;
const paragraphs = '<article><p>Les loutres sont revenues dans l\u2019estuaire après trente ans, ont annoncé les bénévoles vendredi matin.</p><p>Elles chassent les anguilles près de la vanne, à l\u2019aube, quand la marée descend et que les pêcheurs sont partis.</p><img src="/photo.jpg"></article>';

describe('web article', () => {
  it("reads title, language and text, and takes the article's first image when the page declares none", async () => {
    const article = await readArticle(page(`<nav>Accueil</nav>${paragraphs}`), 'https://journal.example/a/b.html');
    assert.equal(article.title, 'Le titre');
    assert.equal(article.language, 'fr');
    assert.match(article.text, /loutres sont revenues/);
    // Paragraphs parted by a blank line, the navigation left out.
    assert.deepEqual(article.text.split('\n\n').map((p) => p.slice(0, 12)), ['Les loutres ', 'Elles chasse']);
    assert.equal(article.mainImageUrl, 'https://journal.example/photo.jpg');
  });

  it('decodes by the charset the page declares', () => {
    const latin1 = Buffer.from(page('<p>été</p>', '<meta charset="iso-8859-1">'), 'latin1');
    assert.match(decodeHtml(latin1), /été/);
  });
});
