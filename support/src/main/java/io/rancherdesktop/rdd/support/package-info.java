/**
 * Support bundles ({@code rdd svc bundle}): what an instance can tell about itself, collected into one zip with
 * every secret removed. Depends on {@code service} (paths, status) and the CLI's lean Unix-socket client
 * ({@code cli.client}); never on the API server, the store or fabric8, so it works while the service is down or hung.
 */
package io.rancherdesktop.rdd.support;
