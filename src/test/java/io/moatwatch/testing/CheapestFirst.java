package io.moatwatch.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;

/**
 * Orders test classes by their {@link Cost} ({@code @Order}; none: 0, the unit tests), then by name: the test
 * run's class orderer (junit-platform.properties).
 */
public final class CheapestFirst implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator
        .comparingInt((ClassDescriptor d) -> d.findAnnotation(Order.class).map(Order::value).orElse(0))
        .thenComparing(d -> d.getTestClass().getName()));
  }
}
