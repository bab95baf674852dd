package io.vigil.postmortem.api;

import io.smallrye.mutiny.Uni;
import io.vigil.common.json.StoredJson;
import io.vigil.postmortem.ActionItem;
import io.vigil.postmortem.PostmortemService;
import io.vigil.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/** Renders post-mortems and action items for the API, with their owners looked up in one query. */
@ApplicationScoped
public class PostmortemViews {

    @Inject
    PostmortemService postmortems;

    @Inject
    UserService users;

    @Inject
    StoredJson json;

    @Inject
    Clock clock;

    public Uni<PostmortemView> of(PostmortemService.Details d) {
        return users.refs(d.actionItems().stream().map(a -> a.ownerId).toList())
                .map(people -> PostmortemView.of(d, json.read(d.postmortem().timeline), people,
                        postmortems.dueAfter(), clock.instant(), postmortems.today()));
    }

    public Uni<List<ActionItemView>> of(List<ActionItem> items) {
        return users.refs(items.stream().map(a -> a.ownerId).toList())
                .map(people -> items.stream().map(a -> ActionItemView.of(a, people, postmortems.today())).toList());
    }
}
