package com.fulfillment.query;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/**
 * Spring Data's mapping as the application runs it, for tests of documents that write themselves: what the mapping
 * writes for a document, and which of a document's stored fields a test left unset.
 */
public final class SpringDataMapping {

    private SpringDataMapping() {
    }

    /** The mapping as Spring Boot configures it, with no custom conversions. */
    public static MappingMongoConverter converter() {
        MongoCustomConversions conversions = new MongoCustomConversions(List.of());
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return converter;
    }

    /** What the mapping writes for {@code document}. */
    public static Document mapped(MappingMongoConverter converter, Object document) {
        Document stored = new Document();
        converter.write(document, stored);
        return stored;
    }

    /**
     * The stored fields of {@code value}, and of the values of {@code storedClasses} and records inside it, that are
     * {@code null} or empty, by path: a test's document with none covers every field the mapping would write.
     */
    public static List<String> unsetFields(Object value, String path, Set<Class<?>> storedClasses) {
        List<String> unset = new ArrayList<>();
        for (Class<?> type = value.getClass(); storedClasses.contains(type); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isAnnotationPresent(Transient.class)) {
                    unset.addAll(unsetValue(read(field, value), path + "." + field.getName(), storedClasses));
                }
            }
        }
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                unset.addAll(unsetValue(read(component, record), path + "." + component.getName(), storedClasses));
            }
        }
        return unset;
    }

    private static List<String> unsetValue(Object value, String path, Set<Class<?>> storedClasses) {
        if (value == null || value instanceof Collection<?> list && list.isEmpty()) {
            return List.of(path);
        }
        List<String> unset = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(element -> unset.addAll(unsetValue(element, path + "[]", storedClasses)));
        } else if (value instanceof Record || storedClasses.contains(value.getClass())) {
            unset.addAll(unsetFields(value, path, storedClasses));
        }
        return unset;
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
