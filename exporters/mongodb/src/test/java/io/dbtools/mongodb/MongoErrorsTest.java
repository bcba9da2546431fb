package io.dbtools.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoIncompatibleDriverException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.dbtools.plugin.FailureKind;
import java.net.SocketTimeoutException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * Classification of the driver's exceptions, built the way the driver builds them, for the cases the
 * wire-protocol peer cannot produce (it has no authentication, no access control, no 3.6 wire version).
 */
class MongoErrorsTest {

    private static final ServerAddress ADDRESS = new ServerAddress("db1", 27017);

    private static MongoCommandException commandError(int code, String name, String message) {
        return new MongoCommandException(new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("codeName", new BsonString(name)).append("errmsg", new BsonString(message)), ADDRESS);
    }

    @Test
    void authentication_failed_code_18_is_authentication_and_the_password_stays_hidden() {
        var credential = MongoCredential.createScramSha256Credential("monitor", "admin", "hunter2-pass".toCharArray());
        var e = new MongoSecurityException(credential, "Exception authenticating " + credential,
                commandError(18, "AuthenticationFailed", "Authentication failed."));
        var classified = MongoErrors.classify(e, null);
        assertEquals(FailureKind.AUTHENTICATION, classified.kind());
        assertFalse(classified.getMessage().contains("hunter2-pass"), classified.getMessage());
    }

    @Test
    void unauthorized_code_13_is_a_permission_failure() {
        var e = commandError(13, "Unauthorized", "not authorized on admin to execute command { replSetGetStatus: 1 }");
        assertEquals(FailureKind.PERMISSION, MongoErrors.kindOf(e));
    }

    @Test
    void a_selection_timeout_after_a_refused_connection_is_unreachable_and_after_a_silent_one_a_timeout() {
        var selection = new MongoTimeoutException("Timed out while waiting for a server that matches ReadPreferenceServerSelector");
        var refused = new MongoSocketOpenException("Exception opening socket", ADDRESS, new java.net.ConnectException("Connection refused"));
        var silent = new MongoSocketReadTimeoutException("Timeout while receiving message", ADDRESS, new SocketTimeoutException("Read timed out"));
        assertEquals(FailureKind.UNREACHABLE, MongoErrors.classify(selection, refused).kind());
        assertEquals(FailureKind.TIMEOUT, MongoErrors.classify(selection, silent).kind());
        assertEquals(FailureKind.TIMEOUT, MongoErrors.classify(selection, null).kind());
    }

    @Test
    void an_operation_timeout_and_max_time_expired_are_timeouts() {
        assertEquals(FailureKind.TIMEOUT, MongoErrors.kindOf(new com.mongodb.MongoOperationTimeoutException("operation exceeded timeoutMS")));
        assertEquals(FailureKind.TIMEOUT, MongoErrors.kindOf(commandError(50, "MaxTimeMSExpired", "operation exceeded time limit")));
    }

    @Test
    void a_server_too_old_for_the_driver_is_an_unsupported_version() {
        assertEquals(FailureKind.UNSUPPORTED_VERSION, MongoErrors.kindOf(new MongoIncompatibleDriverException(
                "Server at db1:27017 reports wire version 6, but this version of the driver requires at least 7 (MongoDB 4.0).", null)));
    }
}
