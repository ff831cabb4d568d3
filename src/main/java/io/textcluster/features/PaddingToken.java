package io.textcluster.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * The id a tokenizer pads with, from its {@code tokenizer.json}: BERT's {@code [PAD]} is 0, XLM-R's {@code <pad>} is 1
 * (0 is {@code <s>}). Padding with 0 would put sentence-start tokens where the model expects padding; RoBERTa-style
 * encoders also derive their position ids from which ids are not the pad id.
 */
final class PaddingToken {
  private static final List<String> NAMES = List.of("<pad>", "[PAD]", "<|pad|>", "<PAD>");

  private PaddingToken() {}

  /** The padding id: tokenizer.json's padding.pad_id, else the id of a token named like a pad token, else 0. */
  static long id(byte[] tokenizerJson) throws IOException {
    JsonNode root = new ObjectMapper().readTree(tokenizerJson);
    JsonNode padId = root.path("padding").path("pad_id");
    if (padId.canConvertToLong()) {
      return padId.asLong();
    }
    for (JsonNode token : root.path("added_tokens")) {
      if (NAMES.contains(token.path("content").asText()) && token.path("id").canConvertToLong()) {
        return token.path("id").asLong();
      }
    }
    JsonNode vocab = root.path("model").path("vocab");
    for (String name : NAMES) {
      if (vocab.isObject() && vocab.path(name).canConvertToLong()) {
        return vocab.path(name).asLong();
      }
    }
    if (vocab.isArray()) {
      // Unigram vocabularies are [piece, score] pairs in id order.
      for (int id = 0; id < vocab.size(); id++) {
        if (NAMES.contains(vocab.get(id).path(0).asText())) {
          return id;
        }
      }
    }
    return 0;
  }
}
