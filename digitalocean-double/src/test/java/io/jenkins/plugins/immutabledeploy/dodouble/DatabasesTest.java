package io.jenkins.plugins.immutabledeploy.dodouble;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** VPCs and managed databases, as OpenTofu's provider makes them for the example. */
class DatabasesTest extends DoubleTest {
    private String vpc() {
        JsonNode v = api.post("/v2/vpcs", "{\"name\":\"app-ams3\",\"region\":\"ams3\",\"ip_range\":\"10.20.0.0/24\"}")
                .body().path("vpc");
        assertThat(v.path("urn").asText()).isEqualTo("do:vpc:" + v.path("id").asText());
        Instant.parse(v.path("created_at").asText());
        return v.path("id").asText();
    }

    @Test
    void aClusterIsCreatingThenOnlineWithPublicAndPrivateConnections() {
        String vpc = vpc();
        cloud.stayInProgress("database", 1);
        JsonNode created = api.post("/v2/databases", "{\"name\":\"app-db\",\"engine\":\"pg\",\"version\":\"16\","
                + "\"size\":\"db-s-1vcpu-1gb\",\"region\":\"ams3\",\"num_nodes\":1,\"private_network_uuid\":\"" + vpc
                + "\",\"tags\":[],\"project_id\":\"\",\"rules\":null}").body().path("database");
        String id = created.path("id").asText();

        assertThat(created.path("status").asText()).isEqualTo("creating");
        assertThat(created.path("connection").path("protocol").asText()).isEqualTo("postgresql");
        assertThat(created.path("connection").path("port").asInt()).isEqualTo(25060);
        assertThat(created.path("connection").path("uri").asText()).startsWith("postgresql://doadmin:AVNS_");
        assertThat(created.path("private_connection").path("host").asText()).startsWith("private-app-db");
        assertThat(created.path("private_network_uuid").asText()).isEqualTo(vpc);
        Instant.parse(created.path("created_at").asText());
        assertThat(api.get("/v2/databases/" + id).body().path("database").path("status").asText()).isEqualTo("creating");
        assertThat(api.get("/v2/databases/" + id).body().path("database").path("status").asText()).isEqualTo("online");
        assertThat(api.post("/v2/databases", "{\"name\":\"app-db\",\"engine\":\"pg\",\"size\":\"x\",\"region\":\"ams3\"}")
                .status()).isEqualTo(422);
    }

    @Test
    void usersGetGeneratedPasswordsAndDatabasesAndFirewallRulesAreKept() {
        String id = api.post("/v2/databases", "{\"name\":\"app-db\",\"engine\":\"pg\",\"size\":\"db-s-1vcpu-1gb\","
                + "\"region\":\"ams3\",\"num_nodes\":1}").body().path("database").path("id").asText();
        api.get("/v2/databases/" + id);

        JsonNode user = api.post("/v2/databases/" + id + "/users", "{\"name\":\"app\"}").body().path("user");
        JsonNode other = api.post("/v2/databases/" + id + "/users", "{\"name\":\"other\"}").body().path("user");
        assertThat(user.path("password").asText()).matches("AVNS_[A-Za-z0-9_-]{20}");
        assertThat(user.path("password").asText()).isNotEqualTo(other.path("password").asText());
        assertThat(user.path("role").asText()).isEqualTo("normal");
        assertThat(api.get("/v2/databases/" + id + "/users/app").body().path("user").path("password").asText())
                .isEqualTo(user.path("password").asText());

        assertThat(api.post("/v2/databases/" + id + "/dbs", "{\"name\":\"app\"}").body().path("db").path("name").asText())
                .isEqualTo("app");
        assertThat(api.get("/v2/databases/" + id + "/dbs/app").status()).isEqualTo(200);
        assertThat(api.get("/v2/databases/" + id).body().path("database").path("db_names").toString()).contains("app");

        assertThat(api.put("/v2/databases/" + id + "/firewall", "{\"rules\":[{\"type\":\"tag\",\"value\":\"app\"}]}")
                .status()).isEqualTo(204);
        JsonNode rule = api.get("/v2/databases/" + id + "/firewall").body().path("rules").get(0);
        assertThat(rule.path("type").asText()).isEqualTo("tag");
        assertThat(rule.path("cluster_uuid").asText()).isEqualTo(id);
        assertThat(rule.path("uuid").asText()).isNotEmpty();
        Instant.parse(rule.path("created_at").asText());
        assertThat(api.put("/v2/databases/" + id + "/firewall", "{\"rules\":[{\"type\":\"nope\",\"value\":\"x\"}]}")
                .status()).isEqualTo(422);

        assertThat(api.delete("/v2/databases/" + id + "/users/app").status()).isEqualTo(204);
        assertThat(api.get("/v2/databases/" + id + "/users/app").status()).isEqualTo(404);
        assertThat(api.delete("/v2/databases/" + id).status()).isEqualTo(204);
        assertThat(api.get("/v2/databases/" + id).status()).isEqualTo(404);
    }

    @Test
    void aVpcWithMembersCannotBeDeleted() {
        String vpc = vpc();
        long droplet = activeDroplet("{\"name\":\"a\",\"region\":\"ams3\",\"size\":\"s-1vcpu-1gb\","
                + "\"image\":\"ubuntu-24-04-x64\",\"vpc_uuid\":\"" + vpc + "\"}");
        JsonNode d = api.get("/v2/droplets/" + droplet).body().path("droplet");

        assertThat(d.path("vpc_uuid").asText()).isEqualTo(vpc);
        assertThat(d.path("networks").path("v4").toString()).contains("\"10.20.0.");
        assertThat(api.delete("/v2/vpcs/" + vpc).status()).isEqualTo(403);
        api.delete("/v2/droplets/" + droplet);
        assertThat(api.delete("/v2/vpcs/" + vpc).status()).isEqualTo(204);
        assertThat(api.post("/v2/vpcs", "{\"name\":\"bad name\",\"region\":\"ams3\"}").status()).isEqualTo(422);
    }
}
