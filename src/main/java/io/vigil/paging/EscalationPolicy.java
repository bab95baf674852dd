package io.vigil.paging;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vigil.common.persistence.CsvConverters;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A named escalation ladder and the severities/categories it applies to (empty: any). */
@Entity
@Table(name = "escalation_policy")
public class EscalationPolicy extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    @Convert(converter = CsvConverters.StringList.class)
    public List<String> severities;
    @Convert(converter = CsvConverters.StringList.class)
    public List<String> categories;
    /** JSON: {@code [{targets:[{type, region?, userId?}], ackTimeout?}]}. */
    public String levels;
    @Column(name = "repeat_count")
    public int repeat;
    public boolean isDefault;
    @Column(insertable = false, updatable = false)
    public Long createdOrder;
    public Instant createdAt;
    public Instant updatedAt;
}
