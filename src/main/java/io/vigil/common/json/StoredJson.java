package io.vigil.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * JSON kept in text columns (timeline data, audit snapshots): written from service values, read
 * back as trees for views. Text rather than jsonb keeps binding identical on the JDBC and reactive
 * drivers; nothing queries inside these documents.
 */
@ApplicationScoped
public class StoredJson {

    @Inject
    ObjectMapper json;

    public String write(Object value) {
        if (value == null) return null;
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable as JSON: " + value.getClass().getName(), e);
        }
    }

    public JsonNode read(String value) {
        if (value == null) return null;
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
