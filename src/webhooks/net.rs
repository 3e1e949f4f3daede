//! Where webhooks may be sent, and the HTTP client that sends them. A target must not reach
//! the service's own network (loopback, private, link-local, cloud metadata and other
//! non-public addresses) unless the configuration allows it. The check is made on the
//! addresses a name resolves to, when the client connects (a name that resolved to a public
//! address when the subscription was made and to a private one later is refused then), and on
//! IP-literal URLs before sending. Redirects are not followed; proxies from the environment
//! are not used (they would resolve names where this check cannot see).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use crate::config::WebhookConfig;

/// True for addresses on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local() // 169.254/16, cloud metadata (169.254.169.254)
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || a >= 240
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || (a == 192 && b == 0 && ip.octets()[2] == 0)) // IETF protocol assignments
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local, fd00:ec2::254 (metadata) among them
        || (first & 0xffc0) == 0xfe80 // link-local
        || first == 0x2001 && ip.segments()[1] == 0x0db8 // documentation
        || first == 0x0064 && ip.segments()[1] == 0xff9b) // NAT64 (could reach v4 inside)
}

/// Why a target URL may not be sent to under this configuration, if it may not.
pub fn refuse_target(url: &str, config: &WebhookConfig) -> Option<String> {
    let Ok(parsed) = url::Url::parse(url) else {
        return Some("is not an absolute URL".into());
    };
    if parsed.scheme() == "http" && !config.allow_http {
        return Some("must be an https URL (this server does not send webhooks over http)".into());
    }
    let literal = match parsed.host() {
        Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
        _ => None,
    };
    if let Some(ip) = literal
        && !config.allow_private
        && !is_public(ip)
    {
        return Some(format!(
            "points to {ip}, which is not a public address (loopback, private, link-local and \
             metadata addresses are refused)"
        ));
    }
    None
}

/// The system resolver, with the non-public addresses taken out unless they are allowed.
struct PublicOnly {
    allow_private: bool,
}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|a| allow_private || is_public(a.ip()))
                .collect();
            if allowed.is_empty() {
                let reason = if found.is_empty() {
                    format!("{host} does not resolve")
                } else {
                    format!("{host} resolves only to non-public addresses, which are refused")
                };
                return Err(reason.into());
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

/// The client every delivery is sent with.
pub fn client(config: &WebhookConfig) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .tls_backend_native()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .connect_timeout(config.connect_timeout)
        .timeout(config.timeout)
        .user_agent(concat!("claimledger-webhooks/", env!("CARGO_PKG_VERSION")))
        .dns_resolver(Arc::new(PublicOnly {
            allow_private: config.allow_private,
        }))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "::1",
            "fe80::1",
            "fd00:ec2::254",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700::1111"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn literal_and_http_targets_follow_the_configuration() {
        let strict = WebhookConfig::default();
        assert!(refuse_target("http://example.org/h", &strict).is_some());
        assert!(refuse_target("https://127.0.0.1/h", &strict).is_some());
        assert!(refuse_target("https://[::1]/h", &strict).is_some());
        assert!(refuse_target("https://example.org/h", &strict).is_none());
        let open = WebhookConfig {
            allow_http: true,
            allow_private: true,
            ..WebhookConfig::default()
        };
        assert!(refuse_target("http://127.0.0.1:9/h", &open).is_none());
    }
}
