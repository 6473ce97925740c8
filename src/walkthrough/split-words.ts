/**
 * Splits a command line into words the way a shell user expects: spaces
 * separate words, and "double" or 'single' quotes keep spaces inside one word
 * (so `produce "Hello Kafka!" test-1` has three words). Inside double quotes
 * a backslash escapes the next character, so `\"` is a quote.
 */
export function splitWords(line: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === "\\" && quote === '"' && i + 1 < line.length) word += line[++i]!;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= "";
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + char;
    }
  }
  if (quote) return { error: `a ${quote === '"' ? "double" : "single"} quote is not closed: end the quoted text with ${quote}` };
  if (word !== undefined) words.push(word);
  return { words };
}
