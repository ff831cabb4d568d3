package io.textcluster.text;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Runs a chain of per-token filters once per distinct token, not once per occurrence (issue 20). The English chain
 * after the tokenizer (possessive, lower case, stop words, KStem, term shape) looks each token up in several
 * dictionaries: a third of the text analysis at a million documents, on tokens that repeat (Zipf: a few thousand
 * forms make most of a corpus). Here each token the tokenizer gives is looked up once in a memo of what the chain
 * made of it: a term, or nothing (dropped). A token not seen yet goes through the chain alone, the same filters in
 * the same order, so the terms are exactly those of the chain in line.
 *
 * <p>Only for filters that map one token to at most one token without looking at its neighbours, and for readers of
 * the terms alone ({@link LanguageAnalyzers#analyze}): positions and offsets of dropped tokens are not carried. The
 * memo is per analyzer component (Lucene keeps one per thread) and cleared when it holds {@code maxEntries} forms, so
 * a corpus of many rare forms costs bounded memory.
 */
final class TokenMemoFilter extends TokenFilter {
  static final int MAX_ENTRIES = 200_000;
  private static final char[] DROPPED = new char[0];

  private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
  private final OneToken one = new OneToken();
  private final TokenStream chain;
  private final CharTermAttribute chainTerm;
  private final CharArrayMap<char[]> memo = new CharArrayMap<>(4096, false);
  private final int maxEntries;

  /**
   * @param filters builds the per-token chain over the one-token stream it is given (the same filters an analyzer
   *     would put after its tokenizer)
   */
  TokenMemoFilter(TokenStream input, UnaryOperator<TokenStream> filters) {
    this(input, filters, MAX_ENTRIES);
  }

  TokenMemoFilter(TokenStream input, UnaryOperator<TokenStream> filters, int maxEntries) {
    super(input);
    this.chain = filters.apply(one);
    this.chainTerm = chain.addAttribute(CharTermAttribute.class);
    this.maxEntries = maxEntries;
  }

  @Override
  public boolean incrementToken() throws IOException {
    while (input.incrementToken()) {
      char[] made = memo.get(term.buffer(), 0, term.length());
      if (made == null) {
        made = throughChain(term.buffer(), term.length());
        if (memo.size() >= maxEntries) {
          memo.clear();
        }
        memo.put(Arrays.copyOf(term.buffer(), term.length()), made);
      }
      if (made != DROPPED) {
        term.copyBuffer(made, 0, made.length);
        return true;
      }
    }
    return false;
  }

  private char[] throughChain(char[] buffer, int length) throws IOException {
    one.set(buffer, length);
    chain.reset();
    if (!chain.incrementToken()) {
      return DROPPED;
    }
    char[] made = Arrays.copyOf(chainTerm.buffer(), chainTerm.length());
    if (chain.incrementToken()) {
      throw new IllegalStateException("A memoised filter chain made two terms of \"" + new String(buffer, 0, length)
          + "\": only filters that map one token to at most one belong in it.");
    }
    return made;
  }

  /** A stream of exactly one token, set before each pass of the chain. */
  private static final class OneToken extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private char[] buffer = new char[0];
    private int length;
    private boolean given;

    void set(char[] text, int textLength) {
      buffer = text;
      length = textLength;
    }

    @Override
    public boolean incrementToken() {
      if (given) {
        return false;
      }
      clearAttributes();
      term.copyBuffer(buffer, 0, length);
      given = true;
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      given = false;
    }
  }
}
