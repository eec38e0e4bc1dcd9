package vn.ehealth.nhr.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** The open sandbox's caller: every request, signed in as nobody, acting as an administrator. */
final class SandboxAuthentication extends AbstractAuthenticationToken {

    SandboxAuthentication() {
        super(AuthorityUtils.createAuthorityList("ROLE_SANDBOX"));
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return "sandbox";
    }

    /** Marks each request of the sandbox. */
    static final class Filter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            SecurityContextHolder.getContext().setAuthentication(new SandboxAuthentication());
            chain.doFilter(request, response);
        }
    }
}
