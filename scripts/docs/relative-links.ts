// Relative links in the README and docs/ that lead nowhere: a file that does not exist, or a
// #section that the target page has no heading for (GitHub's heading slugs).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import { Lexer, marked, type Token } from 'marked';

export interface BrokenLink {
  page: string;
  href: string;
  why: string;
}

/** The README and every markdown page under docs/, relative to the root. */
export function documentationPages(root: string): string[] {
  const docs = join(root, 'docs');
  const pages = existsSync(docs) ? readdirSync(docs, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.md')).map((p) => join('docs', p)) : [];
  return ['README.md', ...pages.sort()];
}

/** The text of inline tokens as GitHub reads it for a heading's slug (no markup). */
function plainText(tokens: readonly Token[]): string {
  return tokens.map((t) => ('tokens' in t && t.tokens ? plainText(t.tokens) : 'text' in t ? t.text : '')).join('');
}

function headingSlugs(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const slugs = new Set<string>();
  marked.walkTokens(Lexer.lex(markdown), (token) => {
    if (token.type === 'heading') slugs.add(slugger.slug(plainText(token.tokens ?? [])));
  });
  return slugs;
}

function linkTargets(markdown: string): string[] {
  const hrefs: string[] = [];
  marked.walkTokens(Lexer.lex(markdown), (token) => {
    if (token.type === 'link' || token.type === 'image') hrefs.push(token.href);
  });
  return hrefs;
}

const isExternal = (href: string) => /^[a-z][a-z0-9+.-]*:/i.test(href);

export function brokenLinks(root: string, pages = documentationPages(root)): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const slugsOf = new Map<string, Set<string>>();
  const slugs = (file: string) => {
    let found = slugsOf.get(file);
    if (!found) slugsOf.set(file, (found = headingSlugs(readFileSync(file, 'utf8'))));
    return found;
  };
  for (const page of pages) {
    const pagePath = join(root, page);
    for (const href of linkTargets(readFileSync(pagePath, 'utf8'))) {
      if (isExternal(href)) continue;
      const [path = '', anchor] = href.split('#');
      const target = path === '' ? pagePath : join(dirname(pagePath), decodeURIComponent(path));
      if (!existsSync(target)) {
        broken.push({ page, href, why: `${relative(root, target)} does not exist` });
      } else if (anchor !== undefined && target.endsWith('.md') && statSync(target).isFile() && !slugs(target).has(anchor)) {
        broken.push({ page, href, why: `${relative(root, target)} has no heading whose anchor is #${anchor}` });
      }
    }
  }
  return broken;
}
