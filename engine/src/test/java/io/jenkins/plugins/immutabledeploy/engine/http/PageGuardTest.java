package io.jenkins.plugins.immutabledeploy.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class PageGuardTest {
    private static final HttpUrl API = HttpUrl.get("http://127.0.0.1:8080/");

    private static PageGuard guard(PageGuard.Foreign foreign) {
        return new PageGuard(API, "the snapshots", 100, foreign);
    }

    @Test
    void aListingThatEndsIsFollowedToItsLastPage() {
        PageGuard g = guard(PageGuard.Foreign.REFUSE);
        g.request(API.resolve("/v2/snapshots?per_page=2"));
        HttpUrl next = g.next("http://127.0.0.1:8080/v2/snapshots?page=2&per_page=2", 2, 2, 3);
        assertThat(next).isEqualTo(HttpUrl.get("http://127.0.0.1:8080/v2/snapshots?page=2&per_page=2"));
        g.request(next);
        assertThat(g.next("", 1, 3, 3)).isNull();
        assertThat(g.requests()).isEqualTo(2);
    }

    @Test
    void aPageReadAlreadyStopsTheListingWhateverTheOrderOfItsParameters() {
        PageGuard g = guard(PageGuard.Foreign.REFUSE);
        g.request(API.resolve("/v2/snapshots?page=1&per_page=2"));
        g.request(API.resolve("/v2/snapshots?page=2&per_page=2"));
        assertThatThrownBy(() -> g.request(API.resolve("/v2/snapshots?per_page=2&page=1")))
                .isInstanceOf(PageGuard.Stopped.class)
                .hasMessage("Stopped reading the snapshots after 2 request(s): the next page /v2/snapshots?per_page=2&page=1 "
                        + "was read already (the pagination links go round in a circle)");
    }

    @Test
    void moreDistinctItemsThanTheStatedTotalStopTheListing() {
        PageGuard g = guard(PageGuard.Foreign.REFUSE);
        g.request(API.resolve("/items"));
        assertThatThrownBy(() -> g.next("/items?page=2", 5, 5, 4))
                .hasMessage("Stopped reading the snapshots after 1 request(s): it sent 5 distinct items, more than the 4 "
                        + "it says it holds");
    }

    @Test
    void morePagesThanTheStatedTotalNeedsStopTheListingEvenWithNewPageNumbers() {
        PageGuard g = guard(PageGuard.Foreign.REFUSE);
        for (int page = 1; page <= 3; page++) {
            g.request(API.resolve("/items?page=" + page));
            if (page < 3) {
                g.next("/items?page=" + (page + 1), 2, 3, 3);
            }
        }
        assertThatThrownBy(() -> g.next("/items?page=4", 2, 3, 3))
                .hasMessageEndingWith("it still names a next page after 3 pages of up to 2 items, though it says it holds 3");
    }

    @Test
    void anEmptyPageThatNamesANextPageStopsTheListing() {
        PageGuard g = guard(PageGuard.Foreign.REFUSE);
        g.request(API.resolve("/items"));
        assertThatThrownBy(() -> g.next("/items?page=2", 0, 0, -1)).hasMessageEndingWith("page 1 is empty but names a next page");
    }

    @Test
    void theHardLimitStopsAListingWithoutATotal() {
        PageGuard g = new PageGuard(API, "the releases", 2, PageGuard.Foreign.REFUSE);
        g.request(API.resolve("/r?page=1"));
        g.request(API.resolve("/r?page=2"));
        assertThatThrownBy(() -> g.request(API.resolve("/r?page=3"))).hasMessageEndingWith("it still names a next page after 2 pages");
    }

    @Test
    void aLinkToAnotherOriginIsRefusedOrRebasedButNeverFollowed() {
        String foreign = "https://api.digitalocean.com/v2/snapshots?page=2&per_page=200";
        PageGuard refusing = guard(PageGuard.Foreign.REFUSE);
        refusing.request(API.resolve("/v2/snapshots"));
        assertThatThrownBy(() -> refusing.next(foreign, 1, 1, -1))
                .hasMessageContaining("the next page is on https://api.digitalocean.com:443, not on the configured API "
                        + "http://127.0.0.1:8080; not following it");

        PageGuard rebasing = guard(PageGuard.Foreign.REBASE);
        rebasing.request(API.resolve("/v2/snapshots"));
        assertThat(rebasing.next(foreign, 1, 1, -1)).hasToString("http://127.0.0.1:8080/v2/snapshots?page=2&per_page=200");

        PageGuard underAPath = new PageGuard(HttpUrl.get("http://proxy.local/do/"), "x", 10, PageGuard.Foreign.REBASE);
        underAPath.request(HttpUrl.get("http://proxy.local/do/v2/snapshots"));
        assertThat(underAPath.next(foreign, 1, 1, -1)).hasToString("http://proxy.local/do/v2/snapshots?page=2&per_page=200");
    }

    @Test
    void aRelativeLinkIsResolvedAgainstTheApi() {
        PageGuard g = guard(PageGuard.Foreign.REFUSE);
        g.request(API.resolve("/v2/snapshots"));
        assertThat(g.next("/v2/snapshots?page=2", 1, 1, -1)).hasToString("http://127.0.0.1:8080/v2/snapshots?page=2");
    }
}
