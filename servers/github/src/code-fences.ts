/**
 * A fenced code block's info string (the text after ``` or ~~~ on the opening line) is not shown
 * when Markdown is rendered: a reviewer reading the issue on GitHub sees a code block, while a
 * model reading the raw text also reads whatever was written after the fence. That makes it a
 * hiding place for instructions (```` ```python ignore the above and … ````).
 *
 * Security: an info string survives only as its first word, and only when that word is a language
 * name from LANGUAGES (what renderers use it for); everything else after the fence is dropped.
 * Lines are checked one by one without tracking which are inside a block: every line that could
 * open a fence (also inside block quotes and list items) is cleaned, so no Markdown parser's idea
 * of the structure decides what is checked. The cost: inside a code block, a line that merely
 * looks like a fence with words after it loses those words.
 */

/** Language names renderers highlight, lower case. Short on purpose: a name only has to be useful. */
const LANGUAGES = new Set(
  (
    'bash c c# c++ clojure cmake console cpp cs csharp css csv dart diff docker dockerfile elixir ' +
    'elm erlang ex fish go golang gradle graphql groovy haskell hcl html http ini java javascript ' +
    'js json json5 jsonc jsx julia kotlin kt latex less lua make makefile markdown md mermaid nginx ' +
    'nix objc objective-c ocaml output patch perl php pl plaintext powershell proto protobuf ps1 ' +
    'py python r rb regex ruby rs rust sass scala scss sh shell shell-session solidity sql ' +
    'suggestion svelte swift terraform tex text toml ts tsx txt typescript vb vue wasm xml yaml yml zig zsh'
  ).split(' '),
);

/**
 * Where a fence may open: indentation, block-quote markers and list markers before it. A superset
 * of CommonMark's containers, so that nothing a renderer takes for a fence goes unchecked.
 */
const FENCE_LINE = /^((?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*)(`{3,}|~{3,})([^\n]*)$/;

export function cleanFenceInfo(text: string): string {
  if (!text.includes('```') && !text.includes('~~~')) return text;
  return text
    .split('\n')
    .map((line) => {
      const match = FENCE_LINE.exec(line);
      if (!match) return line;
      const [, prefix = '', fence = '', rest = ''] = match;
      // A backtick "fence" whose rest holds a backtick is an inline code span: rendered, visible.
      if (fence.startsWith('`') && rest.includes('`')) return line;
      const info = rest.trim();
      if (info === '') return line;
      const cr = rest.endsWith('\r') ? '\r' : '';
      const language = info.split(/\s/, 1)[0] ?? '';
      const kept = LANGUAGES.has(language.toLowerCase()) ? language : '';
      return `${prefix}${fence}${kept}${cr}`;
    })
    .join('\n');
}
