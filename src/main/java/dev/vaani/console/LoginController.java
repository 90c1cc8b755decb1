package dev.vaani.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; the form posts to Spring Security's login filter. */
@Controller
class LoginController {

    @GetMapping(ConsoleSecurityConfiguration.LOGIN)
    String login(Authentication authentication, @RequestParam(required = false) String error,
                 @RequestParam(required = false) String signedOut, @RequestParam(required = false) String expired,
                 Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("expired", expired != null);
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        return signedIn ? "redirect:/" : "login";
    }
}
