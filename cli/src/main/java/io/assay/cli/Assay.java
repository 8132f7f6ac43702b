package io.assay.cli;

public final class Assay {
  public static void main(String[] args) {}
}
