# Sourced by spark-submit.sh, standalone.sh, yarn.sh and kubernetes.sh: what --config must be for the driver to read
# it. textcluster reads its config on the driver before Spark starts, so:
#   client mode   the driver runs here: a file on this machine works (passed as an absolute path), and so does a URI.
#   cluster mode  the driver runs on a cluster node, which cannot see this machine's files: the config must be a URI
#                 that node reads (hdfs://, s3a://, abfss://, gs://, dbfs:/, or file:///PATH on a mount every node has).
# Shipping it with --files works only on YARN (the file lands in the driver's working folder), so no recipe does.

# Prints the value to pass as --config, or says why there is none and returns 2.
config_for_driver() {
  local mode="$1" config="$2" name
  name="$(basename "$0")"
  if [[ "$config" =~ ^[A-Za-z][A-Za-z0-9+.-]+: ]]; then
    # A URI (a scheme of two or more letters, so not a Windows drive): the driver opens it wherever it runs.
    printf '%s\n' "$config"
    return 0
  fi
  if [[ "$mode" == cluster ]]; then
    echo "$name: in cluster mode the driver runs on the cluster and cannot read '$config' on this machine. Copy it" \
      "where the driver can read it and pass its URI, e.g. 'hdfs dfs -put $config /user/\$USER/' then" \
      "--config hdfs:///user/\$USER/$(basename "$config") (or s3a://, abfss://, gs://; file:///PATH for a mount on" \
      "every node), or use --deploy-mode client." >&2
    return 2
  fi
  if [[ ! -f "$config" ]]; then
    echo "$name: the config file '$config' does not exist; pass an existing file or a URI with --config" >&2
    return 2
  fi
  realpath "$config"
}
