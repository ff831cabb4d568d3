package io.textcluster.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textcluster.config.TextClusterException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A model folder: {@code model.onnx} with the model's HuggingFace {@code tokenizer.json} (what ONNX Runtime's engine
 * reads) and/or {@code assets/vocab.txt} (what Spark NLP's {@code loadSavedModel} reads), with the SHA-256 of its
 * {@code model.onnx}: the hash is part of the embedding cache key, so a changed model never reuses vectors of the old
 * one.
 *
 * <p>Shipped models come out of a Maven jar on the classpath (langchain4j's packaging: the ONNX file and a HuggingFace
 * {@code tokenizer.json}); they are unpacked once into the model cache folder and reused by every later run.
 */
public record OnnxModelFolder(String name, String path, String sha256, boolean hasTokenizerJson) {
  private static final String READY = "READY";

  /** The models a Maven jar in this application ships: name -> resource prefix inside the jar. */
  public static final Map<String, String> SHIPPED =
      Map.of("bge-small-en-v1.5-q", "bge-small-en-v1.5-q", "all-minilm-l6-v2-q", "all-minilm-l6-v2-q");

  /** Unpacks a shipped model into {@code cacheDir/<name>} unless an earlier run already did. */
  public static OnnxModelFolder shipped(String name, Path cacheDir) {
    String resource = SHIPPED.get(name);
    if (resource == null) {
      throw new TextClusterException(
          "No shipped embedding model is called \"" + name + "\"; the shipped models are " + SHIPPED.keySet()
              + ". Set 'features.embedding.model' to one of them, or name a model folder in "
              + "'features.embedding.model-path'.");
    }
    Path folder = cacheDir.resolve(name);
    Path ready = folder.resolve(READY);
    try {
      if (Files.isRegularFile(ready) && Files.isRegularFile(folder.resolve("tokenizer.json"))) {
        return new OnnxModelFolder(name, folder.toString(), Files.readString(ready).trim(), true);
      }
      if (Files.isRegularFile(ready)) {
        // Unpacked by an older textcluster, before tokenizer.json was kept: add it beside the model.
        Path staging = Files.createTempFile(folder, "tokenizer", ".json");
        try (InputStream tokenizer = open(OnnxModelFolder.class.getClassLoader(), resource + "-tokenizer.json")) {
          Files.copy(tokenizer, staging, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(staging, folder.resolve("tokenizer.json"), StandardCopyOption.ATOMIC_MOVE);
        return new OnnxModelFolder(name, folder.toString(), Files.readString(ready).trim(), true);
      }
      ClassLoader loader = OnnxModelFolder.class.getClassLoader();
      // Unpack into a private folder, then move it into place: two runs starting together never see half a model.
      Files.createDirectories(cacheDir);
      Path staging = Files.createTempDirectory(cacheDir, name + ".unpacking-");
      Files.createDirectories(staging.resolve("assets"));
      String sha;
      try (InputStream onnx = open(loader, resource + ".onnx")) {
        sha = copyHashing(onnx, staging.resolve("model.onnx"));
      }
      try (InputStream tokenizer = open(loader, resource + "-tokenizer.json")) {
        Files.copy(tokenizer, staging.resolve("tokenizer.json"));
      }
      try (InputStream tokenizer = Files.newInputStream(staging.resolve("tokenizer.json"))) {
        Files.write(staging.resolve("assets/vocab.txt"), vocabulary(tokenizer), StandardCharsets.UTF_8);
      }
      Files.writeString(staging.resolve(READY), sha + "\n");
      try {
        Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        if (!Files.isRegularFile(ready)) {
          throw raced;
        }
      }
      return new OnnxModelFolder(name, folder.toString(), Files.readString(ready).trim(), true);
    } catch (IOException e) {
      throw new TextClusterException(
          "Cannot prepare the embedding model \"" + name + "\" in " + folder + ": " + e.getMessage()
              + ". Point 'features.embedding.model-cache' at a writable folder.");
    }
  }

  /**
   * A user's model folder (local, HDFS, S3, DBFS): checked for model.onnx and a tokenizer (tokenizer.json for ONNX
   * Runtime, assets/vocab.txt for Spark NLP), its model file hashed.
   */
  public static OnnxModelFolder userFolder(String uri, Configuration hadoop) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(uri);
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      org.apache.hadoop.fs.Path model = new org.apache.hadoop.fs.Path(root, "model.onnx");
      boolean tokenizerJson = fs.exists(new org.apache.hadoop.fs.Path(root, "tokenizer.json"));
      boolean vocab = fs.exists(new org.apache.hadoop.fs.Path(root, "assets/vocab.txt"));
      if (!fs.exists(model) || !(tokenizerJson || vocab)) {
        throw new TextClusterException(
            "The model folder " + uri + " (features.embedding.model-path) must hold model.onnx and the model's "
                + "HuggingFace tokenizer.json (or, for engine spark-nlp, assets/vocab.txt: one WordPiece token a line, "
                + "in id order); found model.onnx: " + fs.exists(model) + ", tokenizer.json: " + tokenizerJson
                + ", assets/vocab.txt: " + vocab + ".");
      }
      try (InputStream in = fs.open(model)) {
        return new OnnxModelFolder(root.getName(), uri, copyHashing(in, null), tokenizerJson);
      }
    } catch (IOException e) {
      throw new TextClusterException(
          "Cannot read the model folder " + uri + " (features.embedding.model-path): " + e.getMessage());
    }
  }

  private static InputStream open(ClassLoader loader, String resource) {
    InputStream in = loader.getResourceAsStream(resource);
    if (in == null) {
      throw new TextClusterException(
          "The model file " + resource + " is not on the classpath: the application jar was built without the "
              + "model's Maven jar (dev.langchain4j langchain4j-embeddings-*); rebuild it with mvn package.");
    }
    return in;
  }

  /** Copies {@code in} to {@code target} (or only reads it when null) and returns its SHA-256 in hex. */
  static String copyHashing(InputStream in, Path target) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
    try (DigestInputStream hashing = new DigestInputStream(in, digest)) {
      if (target == null) {
        hashing.transferTo(OutputStream.nullOutputStream());
      } else {
        Files.copy(hashing, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** tokenizer.json's WordPiece vocabulary (token -> id) as the lines of vocab.txt, in id order. */
  static List<String> vocabulary(InputStream tokenizerJson) throws IOException {
    JsonNode vocab = new ObjectMapper().readTree(tokenizerJson).path("model").path("vocab");
    if (!vocab.isObject() || vocab.size() == 0) {
      throw new IOException("tokenizer.json has no model.vocab object");
    }
    String[] byId = new String[vocab.size()];
    Iterator<Map.Entry<String, JsonNode>> fields = vocab.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      int id = entry.getValue().asInt(-1);
      if (id < 0 || id >= byId.length || byId[id] != null) {
        throw new IOException("tokenizer.json's vocabulary ids are not 0.." + (byId.length - 1) + " without gaps");
      }
      byId[id] = entry.getKey();
    }
    return new ArrayList<>(List.of(byId));
  }
}
