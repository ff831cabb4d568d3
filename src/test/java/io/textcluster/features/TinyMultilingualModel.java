package io.textcluster.features;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A multilingual model folder laid out as {@code optimum-cli export onnx} leaves a sentence-transformers XLM-R model
 * (multilingual-e5): {@code model.onnx}, a SentencePiece Unigram {@code tokenizer.json} with {@code <s>} 0,
 * {@code <pad>} 1, {@code </s>} 2, {@code <unk>} 3, and {@code 1_Pooling/config.json} asking for mean pooling. The
 * "encoder" is one Gather from an embedding table by {@code input_ids} (times the attention mask), written as ONNX
 * protobuf here because ONNX Runtime reads models but does not write them.
 *
 * <p>Each piece's row is its topic's direction (finance, football, weather; the same for a word's translations in
 * English, Russian, Arabic and Japanese) plus the piece's own noise; filler words and special tokens are noise only. So
 * the table, by construction, puts translations together: it proves the mechanics, not a real model's quality.
 */
final class TinyMultilingualModel {
  static final int DIM = 16;
  static final List<String> TOPICS = List.of("finance", "football", "weather");
  static final List<String> LANGUAGES = List.of("english", "russian", "arabic", "japanese");
  /** topic -> language -> words; Japanese words are written without spaces, so each has a piece with and without ▁. */
  static final Map<String, Map<String, List<String>>> WORDS = Map.of(
      "finance", Map.of(
          "english", List.of("stock", "market", "price", "bank"),
          "russian", List.of("рынок", "акции", "цена", "банк"),
          "arabic", List.of("السوق", "الأسهم", "سعر", "البنك"),
          "japanese", List.of("株式", "市場", "価格", "銀行")),
      "football", Map.of(
          "english", List.of("football", "match", "goal", "team"),
          "russian", List.of("футбол", "матч", "гол", "команда"),
          "arabic", List.of("كرة", "القدم", "مباراة", "الفريق"),
          "japanese", List.of("サッカー", "試合", "ゴール", "チーム")),
      "weather", Map.of(
          "english", List.of("rain", "storm", "weather", "wind"),
          "russian", List.of("дождь", "шторм", "погода", "ветер"),
          "arabic", List.of("مطر", "عاصفة", "الطقس", "الرياح"),
          "japanese", List.of("雨", "嵐", "天気", "風")));
  static final Map<String, List<String>> FILLER = Map.of(
      "english", List.of("the", "today", "and"),
      "russian", List.of("сегодня", "и", "в"),
      "arabic", List.of("اليوم", "في", "و"),
      "japanese", List.of("今日", "の", "は", "と"));
  static final String[] SPECIAL = {"<s>", "<pad>", "</s>", "<unk>"};

  /** piece -> id, in id order. */
  final Map<String, Integer> ids = new LinkedHashMap<>();
  /** Row i is piece i's vector. */
  final float[][] table;

  TinyMultilingualModel() {
    for (String special : SPECIAL) {
      ids.put(special, ids.size());
    }
    Random random = new Random(19);
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < SPECIAL.length; i++) {
      rows.add(noise(random, 0.05f));
    }
    float[][] topic = new float[TOPICS.size()][];
    for (int t = 0; t < topic.length; t++) {
      topic[t] = noise(random, 1f);
    }
    for (String language : LANGUAGES) {
      for (int t = 0; t < TOPICS.size(); t++) {
        for (String word : WORDS.get(TOPICS.get(t)).get(language)) {
          addWord(word, language, random, rows, topic[t]);
        }
      }
      for (String word : FILLER.get(language)) {
        addWord(word, language, random, rows, new float[DIM]);
      }
    }
    table = rows.toArray(float[][]::new);
  }

  private void addWord(String word, String language, Random random, List<float[]> rows, float[] direction) {
    List<String> pieces = new ArrayList<>(List.of("▁" + word));
    if (language.equals("japanese")) {
      pieces.add(word);
    }
    for (String piece : pieces) {
      if (ids.putIfAbsent(piece, ids.size()) == null) {
        float[] row = noise(random, 0.5f);
        for (int j = 0; j < DIM; j++) {
          row[j] += direction[j];
        }
        rows.add(row);
      }
    }
  }

  private static float[] noise(Random random, float scale) {
    float[] v = new float[DIM];
    for (int j = 0; j < DIM; j++) {
      v[j] = (float) random.nextGaussian() * scale;
    }
    return v;
  }

  /** A document of {@code words} words of the topic in the language, a filler word every third, seeded. */
  static String document(String topic, String language, int words, Random random) {
    List<String> topicWords = WORDS.get(topic).get(language);
    List<String> filler = FILLER.get(language);
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < words; w++) {
      List<String> from = w % 3 == 2 ? filler : topicWords;
      if (w > 0 && !language.equals("japanese")) {
        text.append(' ');
      }
      text.append(from.get(random.nextInt(from.size())));
    }
    return text.toString();
  }

  /**
   * Writes the folder: model.onnx (inputs {@code input_ids} and, when {@code withMask}, {@code attention_mask}; ids
   * int32 when {@code int32Ids}), tokenizer.json and 1_Pooling/config.json.
   */
  Path write(Path folder, boolean withMask, boolean int32Ids) throws IOException {
    return write(folder, withMask, int32Ids, false);
  }

  /**
   * As above; with {@code sentenceOutput} the graph also gives {@code sentence_embedding} [batch, dim], the maximum over
   * every position (padding included), as a sentence-transformers export carries its own pooling: a pooling this
   * encoder never computes itself, so a test can tell which output was read.
   */
  Path write(Path folder, boolean withMask, boolean int32Ids, boolean sentenceOutput) throws IOException {
    Files.createDirectories(folder.resolve("1_Pooling"));
    Files.write(folder.resolve("model.onnx"), onnx(withMask, int32Ids, sentenceOutput));
    Files.writeString(folder.resolve("tokenizer.json"), tokenizerJson(), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("1_Pooling/config.json"),
        "{\"word_embedding_dimension\": " + DIM + ", \"pooling_mode_cls_token\": false, "
            + "\"pooling_mode_mean_tokens\": true, \"pooling_mode_max_tokens\": false}");
    return folder;
  }

  private String tokenizerJson() {
    StringBuilder vocab = new StringBuilder();
    StringBuilder added = new StringBuilder();
    for (Map.Entry<String, Integer> piece : ids.entrySet()) {
      boolean special = piece.getValue() < SPECIAL.length;
      // Longer pieces score higher, so whole words win over the ▁-less Japanese pieces where both fit.
      double score = special ? 0.0 : -10.0 + piece.getKey().length() * 0.1;
      vocab.append(vocab.length() == 0 ? "" : ",").append("[\"").append(piece.getKey()).append("\",").append(score)
          .append(']');
      if (special) {
        added.append(added.length() == 0 ? "" : ",").append("{\"id\":").append(piece.getValue())
            .append(",\"content\":\"").append(piece.getKey()).append("\",\"single_word\":false,\"lstrip\":false,")
            .append("\"rstrip\":false,\"normalized\":false,\"special\":true}");
      }
    }
    String token = "{\"SpecialToken\":{\"id\":\"%s\",\"type_id\":0}}";
    String sequence = "{\"Sequence\":{\"id\":\"A\",\"type_id\":0}}";
    return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[" + added + "],"
        + "\"normalizer\":{\"type\":\"NFKC\"},"
        + "\"pre_tokenizer\":{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"always\","
        + "\"split\":true},"
        + "\"post_processor\":{\"type\":\"TemplateProcessing\",\"single\":[" + String.format(token, "<s>") + ","
        + sequence + "," + String.format(token, "</s>") + "],\"pair\":[" + String.format(token, "<s>") + ","
        + sequence + "," + String.format(token, "</s>") + "],\"special_tokens\":{"
        + "\"<s>\":{\"id\":\"<s>\",\"ids\":[0],\"tokens\":[\"<s>\"]},"
        + "\"</s>\":{\"id\":\"</s>\",\"ids\":[2],\"tokens\":[\"</s>\"]}}},"
        + "\"decoder\":{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"always\",\"split\":true},"
        + "\"model\":{\"type\":\"Unigram\",\"unk_id\":3,\"vocab\":[" + vocab + "],\"byte_fallback\":false}}";
  }

  // ONNX protobuf field numbers (onnx/onnx.proto3).
  private static final int FLOAT = 1;
  private static final int INT32 = 6;
  private static final int INT64 = 7;

  private byte[] onnx(boolean withMask, boolean int32Ids, boolean sentenceOutput) throws IOException {
    List<byte[]> nodes = new ArrayList<>();
    List<byte[]> initializers = new ArrayList<>();
    List<byte[]> inputs = new ArrayList<>();
    initializers.add(floatTensor("table", table));
    inputs.add(valueInfo("input_ids", int32Ids ? INT32 : INT64, "batch", "sequence"));
    String output = "last_hidden_state";
    if (withMask) {
      inputs.add(valueInfo("attention_mask", INT64, "batch", "sequence"));
      initializers.add(int64Tensor("axes", new long[] {2}));
      nodes.add(node("Gather", List.of("table", "input_ids"), "embedded"));
      nodes.add(node("Cast", List.of("attention_mask"), "mask_float", intAttribute("to", FLOAT)));
      nodes.add(node("Unsqueeze", List.of("mask_float", "axes"), "mask_3d"));
      nodes.add(node("Mul", List.of("embedded", "mask_3d"), output));
    } else {
      nodes.add(node("Gather", List.of("table", "input_ids"), output));
    }
    if (sentenceOutput) {
      nodes.add(node("ReduceMax", List.of(output), "sentence_embedding", message(a -> {
        a.writeString(1, "axes");
        a.writeInt64(8, 1);
        a.writeInt32(20, 7); // AttributeType INTS
      }), intAttribute("keepdims", 0)));
    }
    ByteArrayOutputStream graph = new ByteArrayOutputStream();
    CodedOutputStream g = CodedOutputStream.newInstance(graph);
    for (byte[] n : nodes) {
      g.writeByteArray(1, n);
    }
    g.writeString(2, "tiny_multilingual");
    for (byte[] t : initializers) {
      g.writeByteArray(5, t);
    }
    for (byte[] i : inputs) {
      g.writeByteArray(11, i);
    }
    g.writeByteArray(12, valueInfo(output, FLOAT, "batch", "sequence", String.valueOf(DIM)));
    if (sentenceOutput) {
      g.writeByteArray(12, valueInfo("sentence_embedding", FLOAT, "batch", String.valueOf(DIM)));
    }
    g.flush();
    return message(m -> {
      m.writeInt64(1, 8); // ir_version
      m.writeString(2, "textcluster-test");
      m.writeByteArray(7, graph.toByteArray());
      m.writeByteArray(8, message(o -> {
        o.writeString(1, "");
        o.writeInt64(2, 13);
      }));
    });
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Fields fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    fields.write(out);
    out.flush();
    return bytes.toByteArray();
  }

  private static byte[] node(String op, List<String> inputs, String output, byte[]... attributes) throws IOException {
    return message(n -> {
      for (String input : inputs) {
        n.writeString(1, input);
      }
      n.writeString(2, output);
      n.writeString(3, op + "_" + output);
      n.writeString(4, op);
      for (byte[] attribute : attributes) {
        n.writeByteArray(5, attribute);
      }
    });
  }

  private static byte[] intAttribute(String name, long value) throws IOException {
    return message(a -> {
      a.writeString(1, name);
      a.writeInt64(3, value);
      a.writeInt32(20, 2); // AttributeType INT
    });
  }

  private static byte[] floatTensor(String name, float[][] rows) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float[] row : rows) {
      for (float x : row) {
        buffer.clear();
        raw.write(buffer.putFloat(x).array());
      }
    }
    return message(t -> {
      t.writeInt64(1, rows.length);
      t.writeInt64(1, rows[0].length);
      t.writeInt32(2, FLOAT);
      t.writeString(8, name);
      t.writeBytes(9, ByteString.copyFrom(raw.toByteArray()));
    });
  }

  private static byte[] int64Tensor(String name, long[] values) throws IOException {
    java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(8 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      raw.putLong(v);
    }
    return message(t -> {
      t.writeInt64(1, values.length);
      t.writeInt32(2, INT64);
      t.writeString(8, name);
      t.writeBytes(9, ByteString.copyFrom(raw.array()));
    });
  }

  /** ValueInfoProto: a tensor of {@code elementType} whose dimensions are symbolic names or numbers. */
  private static byte[] valueInfo(String name, int elementType, String... dims) throws IOException {
    byte[] shape = message(s -> {
      for (String dim : dims) {
        s.writeByteArray(1, message(d -> {
          if (dim.chars().allMatch(Character::isDigit)) {
            d.writeInt64(1, Long.parseLong(dim));
          } else {
            d.writeString(2, dim);
          }
        }));
      }
    });
    byte[] tensorType = message(tt -> {
      tt.writeInt32(1, elementType);
      tt.writeByteArray(2, shape);
    });
    return message(v -> {
      v.writeString(1, name);
      v.writeByteArray(2, message(type -> type.writeByteArray(1, tensorType)));
    });
  }
}
