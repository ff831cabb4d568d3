package io.textcluster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** features.embedding.*: defaults, provider requirements, and what a mistake says. */
class EmbeddingConfigTest {
  private static final String MINIMAL = "input.path = x.csv\ninput.text-columns = [text]\nfeatures.type = embedding\n";

  private static JobConfig parse(String hocon) {
    return JobConfig.fromConfig(ConfigFactory.parseString(MINIMAL + hocon), Path.of("."));
  }

  private static String error(String hocon) {
    return assertThrows(InvalidConfigException.class, () -> parse(hocon)).getMessage();
  }

  @Test
  void defaultsAreTheShippedModelWithTheCache() {
    EmbeddingConfig e = parse("").features().embedding();
    assertEquals("embedding", parse("").features().type());
    assertEquals("onnx", e.provider());
    assertEquals("bge-small-en-v1.5-q", e.model());
    assertEquals("auto", e.pooling());
    assertEquals("", e.prefix());
    assertTrue(e.cacheEnabled());
    assertEquals("OPENAI_API_KEY", e.api().keyEnv());
  }

  @Test
  void prefixIsJoinedWithOneSpace() {
    assertEquals("passage: ", parse("features.embedding.prefix = \"passage:\"").features().embedding().prefix());
  }

  @Test
  void providersNameWhatTheyNeed() {
    assertTrue(error("features.embedding.provider = column").contains("features.embedding.column.name"));
    String api = error("features.embedding.provider = api\nfeatures.embedding.api.model = m");
    assertTrue(api.contains("features.embedding.api.base-url"), api);
    String unknown = error("features.embedding.provider = openai");
    assertTrue(unknown.contains("onnx, api, column"), unknown);
    assertTrue(error("features.embedding.pooling = max").contains("cls, mean"));
    assertTrue(error("features.embedding.batch-size = 0").contains("features.embedding.batch-size"));
  }

  @Test
  void providerKeysAreOnlyRequiredWhenEmbeddingsAreUsed() {
    JobConfig tfidf =
        JobConfig.fromConfig(
            ConfigFactory.parseString(
                "input.path = x.csv\ninput.text-columns = [text]\nfeatures.embedding.provider = column\n"),
            Path.of("."));
    assertEquals("tfidf", tfidf.features().type());
  }

  @Test
  void anApiKeyVariableThatIsUsedMustBeSet() {
    String api =
        "features.embedding { provider = api, api { base-url = \"http://127.0.0.1:9/v1\", model = m, "
            + "key-env = MY_EMBEDDINGS_KEY } }\n";
    Map<String, String> none = Map.of();
    String message =
        assertThrows(InvalidConfigException.class, () -> parse(api).requireApiKeys(none::get)).getMessage();
    assertTrue(message.contains("'features.embedding.api.key-env'") && message.contains("MY_EMBEDDINGS_KEY")
        && message.contains("is not set") && message.contains("export MY_EMBEDDINGS_KEY="), message);
    assertThrows(InvalidConfigException.class, () -> parse(api).requireApiKeys(Map.of("MY_EMBEDDINGS_KEY", " ")::get));
    parse(api).requireApiKeys(Map.of("MY_EMBEDDINGS_KEY", "sk-1")::get);
    // "" asks for no key (a local server); the onnx provider and keyword naming need none at all.
    parse(api + "features.embedding.api.key-env = \"\"").requireApiKeys(none::get);
    parse("").requireApiKeys(none::get);

    String llm =
        "describe { naming = llm, llm { base-url = \"http://127.0.0.1:9/v1\", model = m, api-key-env = MY_LLM_KEY } }";
    String naming =
        assertThrows(InvalidConfigException.class, () -> parse(llm).requireApiKeys(none::get)).getMessage();
    assertTrue(naming.contains("'describe.llm.api-key-env'") && naming.contains("MY_LLM_KEY"), naming);
    try (Environment.Scope scope = Environment.withVariables(Map.of("MY_LLM_KEY", "sk-2"))) {
      parse(llm).requireApiKeys(Environment::variable);
      assertEquals("sk-2", Environment.variable("MY_LLM_KEY"));
    }
    assertEquals(null, Environment.variable("MY_LLM_KEY"), "the scope is closed");
  }

  @Test
  void theKeyNeverAppearsOnlyTheNameOfItsVariable() {
    JobConfig c = parse("features.embedding.api.key-env = MY_EMBEDDINGS_KEY");
    assertTrue(c.redactedJson().contains("MY_EMBEDDINGS_KEY"));
  }
}
