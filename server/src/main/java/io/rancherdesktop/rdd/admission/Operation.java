package io.rancherdesktop.rdd.admission;

/** The write operations admission sees, as in Kubernetes admission review. */
public enum Operation { CREATE, UPDATE, DELETE }
