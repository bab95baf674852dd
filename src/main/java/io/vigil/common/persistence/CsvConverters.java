package io.vigil.common.persistence;

import io.vigil.user.Role;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Small closed sets stored as comma-separated text. Portable across the JDBC and reactive drivers
 * (array binding differs between them) and trivially readable in psql.
 */
public final class CsvConverters {

    private CsvConverters() {
    }

    @Converter
    public static class RoleSet implements AttributeConverter<Set<Role>, String> {
        @Override
        public String convertToDatabaseColumn(Set<Role> roles) {
            return roles == null ? "" : roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
        }

        @Override
        public Set<Role> convertToEntityAttribute(String csv) {
            if (csv == null || csv.isBlank()) return Collections.unmodifiableSet(EnumSet.noneOf(Role.class));
            return Collections.unmodifiableSet(Arrays.stream(csv.split(",")).map(Role::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class))));
        }
    }

    @Converter
    public static class StringList implements AttributeConverter<List<String>, String> {
        @Override
        public String convertToDatabaseColumn(List<String> values) {
            return values == null ? "" : String.join(",", values);
        }

        @Override
        public List<String> convertToEntityAttribute(String csv) {
            return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(","));
        }
    }
}
