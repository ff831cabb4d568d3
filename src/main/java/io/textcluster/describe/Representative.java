package io.textcluster.describe;

import java.io.Serializable;

/** A document near its cluster's centre, shown to readers as a snippet of its text. */
public record Representative(String docId, String snippet, double distance) implements Serializable {}
