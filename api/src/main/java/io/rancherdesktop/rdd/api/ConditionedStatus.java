package io.rancherdesktop.rdd.api;

import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;

/** A status with a standard {@code conditions} list, so {@link Conditions} can update it in place. */
public interface ConditionedStatus {

    List<Condition> getConditions();

    void setConditions(List<Condition> conditions);
}
